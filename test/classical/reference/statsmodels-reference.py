# statsmodels 0.13.5 (Debian bookworm python3-statsmodels) reference fits for test/classical.
import json, warnings, numpy as np, statsmodels
from statsmodels.tsa.holtwinters import SimpleExpSmoothing
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
warnings.simplefilter('ignore')
syn = json.load(open('/tmp/classical-reference/synthetic.json'))
out = {'version': statsmodels.__version__, 'ses': {}, 'ets': {}}
for name in ['trendSeasonalM12', 'dampedTrend', 'additiveNegativeM4']:
    y = np.array(syn[name])
    f = SimpleExpSmoothing(y, initialization_method='estimated').fit()
    out['ses'][name] = {'alpha': float(f.params['smoothing_level']), 'l0': float(f.params['initial_level']),
                        'sse': float(f.sse)}
cases = [('trendSeasonalM12', 'add', 'add', True, 'add', 12), ('trendSeasonalM12', 'mul', 'add', False, 'mul', 12),
         ('dampedTrend', 'add', 'add', True, None, None), ('dampedTrend', 'mul', 'add', True, None, None),
         ('additiveNegativeM4', 'add', 'add', False, 'add', 4), ('dailyCycleM24', 'mul', None, False, 'mul', 24)]
for name, err, trend, damped, seas, m in cases:
    y = np.array(syn[name])
    mod = ETSModel(y, error=err, trend=trend, damped_trend=damped, seasonal=seas, seasonal_periods=m)
    f = mod.fit(disp=False, maxiter=10000)
    label = ('N' if trend is None else 'A') + ('d' if damped else '') + ('N' if seas is None else seas[0].upper())
    key = f"{name}:{err[0].upper()}{label}"
    params = {k: float(v) for k, v in zip(f.param_names, f.params)}
    out['ets'][key] = {'llf': float(f.llf), 'n': len(y), 'params': params}
json.dump(out, open('/tmp/classical-reference/sm-reference.json', 'w'), indent=1)
print(json.dumps({k: v['llf'] for k, v in out['ets'].items()}), out['ses'])
