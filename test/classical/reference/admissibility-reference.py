# Admissibility decisions for random ETS smoothing parameters by explicit root finding, the way
# forecast's admissible() decides (max |root| of the characteristic polynomial ≤ 1 + 1e-10), for
# test/classical/ets-admissible.test.ts. numpy 1.24.2 (Debian bookworm), numpy.roots.
import json, numpy as np
r = np.random.RandomState(7)
cases = []
while len(cases) < 300:
    m = int(r.choice([2, 4, 7, 12, 24]))
    alpha, gamma = r.uniform(-0.2, 1.6), r.uniform(-0.2, 1.4)
    beta = r.uniform(-0.2, 0.6) if r.rand() < 0.7 else 0.0
    phi = r.uniform(0.75, 1.0) if r.rand() < 0.6 else 1.0
    # forecast's P in increasing powers; numpy.roots wants decreasing powers.
    P = [phi * (1 - alpha - gamma), alpha + beta - alpha * phi + gamma - 1]
    P += [alpha + beta - alpha * phi] * (m - 2) + [alpha + beta - phi, 1]
    radius = float(np.max(np.abs(np.roots(P[::-1]))))
    if abs(radius - 1) < 1e-6:
        continue  # too close to the boundary for two numerical methods to be compared
    cases.append({'m': m, 'alpha': alpha, 'beta': beta, 'gamma': gamma, 'phi': phi, 'maxRootModulus': radius})
json.dump(cases, open('/tmp/classical-reference/admissibility.json', 'w'))
print(sum(c['maxRootModulus'] <= 1 for c in cases), 'inside of', len(cases))
