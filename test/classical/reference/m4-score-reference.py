# Seasonality test, multiplicative seasonal indices and Naive2 forecasts from the M4 scorer
# /work/shared/bench/m4/score.py (functions seasonal, seasonal_indices, benchmarks), which
# reproduces the published M4 Naive2 figures exactly, on a few M4 series.
import json, sys
sys.path.insert(0, '/work/shared/bench/m4')
import score
hourly = score.read_m4('/work/shared/bench/m4/hourly-train.csv')
weekly = score.read_m4('/work/shared/bench/m4/weekly-train.csv')
out = {}
for sid, x, m, h in [('H1', hourly['H1'], 24, 48), ('H57', hourly['H57'], 24, 48), ('H272', hourly['H272'], 24, 48),
                     ('W1', weekly['W1'], 52, 13)]:
    seasonal = score.seasonal(x, m)
    out[sid] = {'m': m, 'h': h, 'seasonal': seasonal,
                'indices': score.seasonal_indices(x, m) if seasonal else None,
                'naive2': score.benchmarks(x, h, m)['Naive2'], 'snaive': score.benchmarks(x, h, m)['sNaive']}
json.dump(out, open('/tmp/classical-reference/m4-score.json', 'w'))
print({k: v['seasonal'] for k, v in out.items()})
