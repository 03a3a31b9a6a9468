# ES_MA: gain game, 2 players
# players: 0=ES 1=MA  (bit i of the mask = player i)
# mask	coalition	value
0	{}	0
1	{ES}	0
2	{MA}	0
3	{ES,MA}	59001/250000
