# SOE_NKVD: gain game, 2 players
# players: 0=SOE 1=NKVD  (bit i of the mask = player i)
# mask	coalition	value
0	{}	0
1	{SOE}	0
2	{NKVD}	0
3	{SOE,NKVD}	3319/25000
