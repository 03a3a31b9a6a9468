# US_IL: gain game, 2 players
# players: 0=US 1=IL  (bit i of the mask = player i)
# mask	coalition	value
0	{}	0
1	{US}	0
2	{IL}	0
3	{US,IL}	7713/12500
