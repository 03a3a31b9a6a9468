# Alpha_Bravo: gain game, 2 players
# players: 0=Alpha 1=Bravo  (bit i of the mask = player i)
# mask	coalition	value
0	{}	0
1	{Alpha}	0
2	{Bravo}	0
3	{Alpha,Bravo}	2901/5000
