# Seeded synthetic series for the classical-method reference checks (numpy 1.24.2, Debian bookworm).
import numpy as np, json
out = {}
r = np.random.RandomState(20240611)
t = np.arange(120)
# A: monthly-like, m=12: linear trend × multiplicative season + noise (positive)
out['trendSeasonalM12'] = np.round((50 + 0.4 * t) * (1 + 0.25 * np.sin(2 * np.pi * t / 12)) + r.normal(0, 2, 120), 3)
# B: m=4, additive season around zero (has negative values)
t = np.arange(100)
season4 = np.array([1.0, -0.5, -1.5, 1.0])[t % 4]
out['additiveNegativeM4'] = np.round(0.05 * t + 3 * season4 + np.cumsum(r.normal(0, 0.4, 100)), 3)
# C: non-seasonal, damped-trend-like level with noise (positive)
level, slope, vals = 100.0, 1.5, []
for i in range(150):
    slope = 0.9 * slope + r.normal(0, 0.3)
    level = level + slope + r.normal(0, 1.0)
    vals.append(level + r.normal(0, 1.5))
out['dampedTrend'] = np.round(np.array(vals), 3)
# D: m=24, 10 days of hourly-like data, multiplicative daily cycle on a slow level
t = np.arange(240)
daily = (200 + 20 * np.sin(2 * np.pi * t / 240)) * (1 + 0.3 * np.cos(2 * np.pi * t / 24))
out['dailyCycleM24'] = np.round(daily + r.normal(0, 4, 240), 3)
json.dump({k: v.tolist() for k, v in out.items()}, open('/tmp/classical-reference/synthetic.json', 'w'))
print({k: (len(v), float(v.min())) for k, v in out.items()})
