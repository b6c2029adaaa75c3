# Writes test/classical/fixtures/*.ts from the JSON the reference scripts leave in
# /tmp/classical-reference (run generate-synthetic.py, r-forecast-reference.R,
# statsmodels-reference.py, m4-score-reference.py and admissibility-reference.py first).
import json, os, sys
M4_DIR = os.environ.get('M4_DIR', os.path.join(os.path.dirname(__file__), '../../../../shared/bench/m4'))
sys.path.insert(0, M4_DIR)
import score
src = '/tmp/classical-reference'
dst = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'fixtures')
load = lambda name: json.load(open(os.path.join(src, name)))
hourly = score.read_m4(os.path.join(M4_DIR, 'hourly-train.csv'))
weekly = score.read_m4(os.path.join(M4_DIR, 'weekly-train.csv'))
syn = load('synthetic.json')
series = dict(syn)
for sid in ['H1', 'H57', 'H272']:
    series[sid] = hourly[sid]
for sid in ['W1', 'W100']:
    series[sid] = weekly[sid]

def scalar_to_list(r):
    for case in r.values():
        for f in case['ets']:
            if not isinstance(f['initstate'], list):
                f['initstate'] = [f['initstate']]
        for key in ['figure', 'figureAdditive', 'acf']:
            if key in case and not isinstance(case[key], list):
                case[key] = [case[key]]
        case.pop('y', None)
    return r

def render(value, indent):
    """JSON as TypeScript with lines of at most 120 characters (number arrays wrapped)."""
    pad = '  ' * (indent + 1)
    if isinstance(value, dict):
        if not value:
            return '{}'
        items = [f'{pad}{json.dumps(k)}: {render(v, indent + 1)},' for k, v in value.items()]
        return '{\n' + '\n'.join(items) + '\n' + '  ' * indent + '}'
    if isinstance(value, list):
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
            lines, line = [], pad
            for v in value:
                token = json.dumps(v) + ','
                if len(line) + len(token) + 1 > 120:
                    lines.append(line.rstrip())
                    line = pad
                line += token + ' '
            lines.append(line.rstrip())
            return '[\n' + '\n'.join(lines) + '\n' + '  ' * indent + ']'
        return '[\n' + '\n'.join(f'{pad}{render(v, indent + 1)},' for v in value) + '\n' + '  ' * indent + ']'
    return json.dumps(value)


def write(name, header, const, value):
    with open(os.path.join(dst, name), 'w') as f:
        f.write(header.strip() + '\n\n')
        f.write(f'export const {const} = {render(value, 0)};\n')

write('reference-series.ts', '''
// Series the classical methods are checked on (test/classical/reference/build-fixtures.py).
// Synthetic ones: test/classical/reference/generate-synthetic.py (numpy RandomState(20240611),
// rounded to 3 decimals). M4 ones: the training parts of H1, H57, H272 (Hourly) and W1, W100
// (Weekly) from Mcompetitions/M4-methods Dataset/, as in M4_DIR/*-train.csv (M4_DIR: the M4 data folder, ../shared/bench/m4 by default).
''', 'REFERENCE_SERIES', series)
write('r-reference.ts', '''
// Reference values from R 4.2.2 with forecast 8.20 (Debian bookworm r-cran-forecast) and the
// M4 organisers' "Benchmarks and Evaluation.R" (Mcompetitions/M4-methods) functions
// SeasonalityTest, Theta.classic and Benchmarks, run unchanged by
// test/classical/reference/r-forecast-reference.R. Per series: acf(y, lag.max = m); the M4 test;
// decompose(y)$figure (multiplicative and additive); Benchmarks(y, h) forecasts; the fitted
// alpha, l0 and SSE of the ses() inside Theta.classic and of ses() on the adjusted series;
// ets(y, model, damped) fits (par, initstate, lik = -2*loglik, aicc, forecast(fit, h)$mean);
// and ets(y) (automatic selection).
''', 'R_REFERENCE', scalar_to_list(load('r-reference.json')))
write('statsmodels-reference.ts', '''
// Reference fits from statsmodels 0.13.5 (Debian bookworm python3-statsmodels) by
// test/classical/reference/statsmodels-reference.py:
//   SimpleExpSmoothing(y, initialization_method='estimated').fit()  -> alpha, l0, sse
//   ETSModel(y, error, trend, damped_trend, seasonal, seasonal_periods).fit(disp=False, maxiter=10000) -> llf
// statsmodels concentrates sigma^2, so llf = -0.5*(lik - n*log(n) + n*(1 + log(2*pi))) with R's lik.
''', 'STATSMODELS_REFERENCE', load('sm-reference.json'))
write('m4-score-reference.ts', '''
// Seasonality test, seasonal indices and Naive2 / sNaive forecasts computed by the M4 scorer
// the M4 scorer (M4_DIR/score.py) (seasonal, seasonal_indices, benchmarks; it reproduces the
// published M4 Naive2 figures exactly) via test/classical/reference/m4-score-reference.py.
''', 'M4_SCORE_REFERENCE', load('m4-score.json'))
write('admissibility-reference.ts', '''
// Largest root modulus of forecast's ETS characteristic polynomial for 300 random parameter
// sets, by numpy.roots (numpy 1.24.2), from test/classical/reference/admissibility-reference.py.
// forecast's admissible() rejects a set when it exceeds 1 + 1e-10; sets within 1e-6 of 1 omitted.
''', 'ADMISSIBILITY_REFERENCE', load('admissibility.json'))
print('written to', os.path.abspath(dst))
