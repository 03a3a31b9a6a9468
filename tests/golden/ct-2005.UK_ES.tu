# UK_ES: gain game, 2 players
# players: 0=UK 1=ES  (bit i of the mask = player i)
# mask	coalition	value
0	{}	0
1	{UK}	0
2	{ES}	0
3	{UK,ES}	160617/200000
