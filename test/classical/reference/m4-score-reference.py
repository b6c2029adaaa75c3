# Seasonality test, multiplicative seasonal indices and Naive2 forecasts from the M4 scorer
# (M4_DIR/score.py: functions seasonal, seasonal_indices, benchmarks), which
# reproduces the published M4 Naive2 figures exactly, on a few M4 series.
import json, os, sys
M4_DIR = os.environ.get('M4_DIR', os.path.join(os.path.dirname(__file__), '../../../../shared/bench/m4'))
sys.path.insert(0, M4_DIR)
import score
hourly = score.read_m4(os.path.join(M4_DIR, 'hourly-train.csv'))
weekly = score.read_m4(os.path.join(M4_DIR, 'weekly-train.csv'))
out = {}
for sid, x, m, h in [('H1', hourly['H1'], 24, 48), ('H57', hourly['H57'], 24, 48), ('H272', hourly['H272'], 24, 48),
                     ('W1', weekly['W1'], 52, 13)]:
    seasonal = score.seasonal(x, m)
    out[sid] = {'m': m, 'h': h, 'seasonal': seasonal,
                'indices': score.seasonal_indices(x, m) if seasonal else None,
                'naive2': score.benchmarks(x, h, m)['Naive2'], 'snaive': score.benchmarks(x, h, m)['sNaive']}
json.dump(out, open('/tmp/classical-reference/m4-score.json', 'w'))
print({k: v['seasonal'] for k, v in out.items()})
