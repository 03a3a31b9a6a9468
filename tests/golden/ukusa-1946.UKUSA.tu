# UKUSA: gain game, 2 players
# players: 0=US 1=UK  (bit i of the mask = player i)
# mask	coalition	value
0	{}	0
1	{US}	0
2	{UK}	0
3	{US,UK}	166803/200000
