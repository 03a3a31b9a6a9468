# ES_DZ: gain game, 2 players
# players: 0=ES 1=DZ  (bit i of the mask = player i)
# mask	coalition	value
0	{}	0
1	{ES}	0
2	{DZ}	0
3	{ES,DZ}	39131/125000
