# Pool: gain game, 4 players
# players: 0=Alpha 1=Bravo 2=Charlie 3=Delta  (bit i of the mask = player i)
# mask	coalition	value
0	{}	0
1	{Alpha}	0
2	{Bravo}	0
3	{Alpha,Bravo}	321/5000
4	{Charlie}	0
5	{Alpha,Charlie}	521/12500
6	{Bravo,Charlie}	0
7	{Alpha,Bravo,Charlie}	53413901/62500000
8	{Delta}	0
9	{Alpha,Delta}	0
10	{Bravo,Delta}	0
11	{Alpha,Bravo,Delta}	9318411/31250000
12	{Charlie,Delta}	0
13	{Alpha,Charlie,Delta}	18183721/62500000
14	{Bravo,Charlie,Delta}	32761469/125000000
15	{Alpha,Bravo,Charlie,Delta}	282285704989/312500000000
