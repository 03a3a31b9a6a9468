# Berne: gain game, 5 players
# players: 0=FR 1=DE 2=NL 3=ES 4=IT  (bit i of the mask = player i)
# mask	coalition	value
0	{}	0
1	{FR}	0
2	{DE}	0
3	{FR,DE}	0
4	{NL}	0
5	{FR,NL}	0
6	{DE,NL}	0
7	{FR,DE,NL}	0
8	{ES}	0
9	{FR,ES}	0
10	{DE,ES}	0
11	{FR,DE,ES}	0
12	{NL,ES}	0
13	{FR,NL,ES}	0
14	{DE,NL,ES}	0
15	{FR,DE,NL,ES}	0
16	{IT}	0
17	{FR,IT}	0
18	{DE,IT}	0
19	{FR,DE,IT}	0
20	{NL,IT}	0
21	{FR,NL,IT}	0
22	{DE,NL,IT}	0
23	{FR,DE,NL,IT}	0
24	{ES,IT}	0
25	{FR,ES,IT}	0
26	{DE,ES,IT}	0
27	{FR,DE,ES,IT}	0
28	{NL,ES,IT}	0
29	{FR,NL,ES,IT}	0
30	{DE,NL,ES,IT}	0
31	{FR,DE,NL,ES,IT}	0
