# Bravo_Charlie: gain game, 2 players
# players: 0=Bravo 1=Charlie  (bit i of the mask = player i)
# mask	coalition	value
0	{}	0
1	{Bravo}	0
2	{Charlie}	0
3	{Bravo,Charlie}	6369/12500
