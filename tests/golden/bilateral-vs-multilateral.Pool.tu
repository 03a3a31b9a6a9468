# Pool: gain game, 4 players
# players: 0=Alpha 1=Bravo 2=Charlie 3=Delta  (bit i of the mask = player i)
# mask	coalition	value
0	{}	0
1	{Alpha}	0
2	{Bravo}	0
3	{Alpha,Bravo}	0
4	{Charlie}	0
5	{Alpha,Charlie}	0
6	{Bravo,Charlie}	0
7	{Alpha,Bravo,Charlie}	8001401/62500000
8	{Delta}	0
9	{Alpha,Delta}	0
10	{Bravo,Delta}	0
11	{Alpha,Bravo,Delta}	0
12	{Charlie,Delta}	0
13	{Alpha,Charlie,Delta}	0
14	{Bravo,Charlie,Delta}	0
15	{Alpha,Bravo,Charlie,Delta}	0
