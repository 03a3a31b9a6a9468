# Washington: gain game, 2 players
# players: 0=CIA 1=SIS  (bit i of the mask = player i)
# mask	coalition	value
0	{}	0
1	{CIA}	0
2	{SIS}	0
3	{CIA,SIS}	24491/25000
