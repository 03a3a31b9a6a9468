# Alpha_Charlie: gain game, 2 players
# players: 0=Alpha 1=Charlie  (bit i of the mask = player i)
# mask	coalition	value
0	{}	0
1	{Alpha}	0
2	{Charlie}	0
3	{Alpha,Charlie}	6821/12500
