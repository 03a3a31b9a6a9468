# Pool: gain game, 4 players
# players: 0=Alpha 1=Bravo 2=Charlie 3=Delta  (bit i of the mask = player i)
# mask	coalition	value
0	{}	0
1	{Alpha}	0
2	{Bravo}	0
3	{Alpha,Bravo}	4911/25000
4	{Charlie}	0
5	{Alpha,Charlie}	7771/62500
6	{Bravo,Charlie}	4397/31250
7	{Alpha,Bravo,Charlie}	1366128401/1562500000
8	{Delta}	0
9	{Alpha,Delta}	0
10	{Bravo,Delta}	0
11	{Alpha,Bravo,Delta}	370871111/781250000
12	{Charlie,Delta}	0
13	{Alpha,Charlie,Delta}	625154021/1562500000
14	{Bravo,Charlie,Delta}	1515896269/3125000000
15	{Alpha,Bravo,Charlie,Delta}	35178244258389/39062500000000
