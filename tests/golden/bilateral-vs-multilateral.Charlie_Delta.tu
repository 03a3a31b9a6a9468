# Charlie_Delta: gain game, 2 players
# players: 0=Charlie 1=Delta  (bit i of the mask = player i)
# mask	coalition	value
0	{}	0
1	{Charlie}	0
2	{Delta}	0
3	{Charlie,Delta}	1229/6250
