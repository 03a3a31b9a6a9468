# Bravo_Delta: gain game, 2 players
# players: 0=Bravo 1=Delta  (bit i of the mask = player i)
# mask	coalition	value
0	{}	0
1	{Bravo}	0
2	{Delta}	0
3	{Bravo,Delta}	2481/12500
