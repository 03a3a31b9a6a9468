# US_BND: gain game, 2 players
# players: 0=US 1=BND  (bit i of the mask = player i)
# mask	coalition	value
0	{}	0
1	{US}	0
2	{BND}	0
3	{US,BND}	189473/250000
