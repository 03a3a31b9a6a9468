# Alpha_Delta: gain game, 2 players
# players: 0=Alpha 1=Delta  (bit i of the mask = player i)
# mask	coalition	value
0	{}	0
1	{Alpha}	0
2	{Delta}	0
3	{Alpha,Delta}	4891/25000
