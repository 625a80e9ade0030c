"""SciPy's solve_ivp on Selene's built-in problems, for bench/anchors/ode-vs-scipy.sh. The stiff problems get the
same analytic Jacobians Selene's built-ins carry.

Usage: python3 ode_scipy.py PROBLEM METHOD RTOL ATOL
Prints one line: best wall time of several solves, error against the reference, RHS evaluations.
"""
import sys
import time

import numpy as np
from scipy.integrate import solve_ivp


def lotka_volterra(t, y):
    return [1.5 * y[0] - y[0] * y[1], -3 * y[1] + y[0] * y[1]]


def arenstorf(t, y):
    mu = 0.012277471
    mup = 1 - mu
    d1 = ((y[0] + mu) ** 2 + y[1] ** 2) ** 1.5
    d2 = ((y[0] - mup) ** 2 + y[1] ** 2) ** 1.5
    return [y[2], y[3],
            y[0] + 2 * y[3] - mup * (y[0] + mu) / d1 - mu * (y[0] - mup) / d2,
            y[1] - 2 * y[2] - mup * y[1] / d1 - mu * y[1] / d2]


def pleiades(t, y):
    x, yy = y[0:7], y[7:14]
    out = np.empty(28)
    out[0:7] = y[14:21]
    out[7:14] = y[21:28]
    for i in range(7):
        ax = ay = 0.0
        for j in range(7):
            if j != i:
                dx, dy = x[j] - x[i], yy[j] - yy[i]
                r3 = (dx * dx + dy * dy) ** 1.5
                ax += (j + 1) * dx / r3
                ay += (j + 1) * dy / r3
        out[14 + i], out[21 + i] = ax, ay
    return out


def rober(t, y):
    return [-0.04 * y[0] + 1e4 * y[1] * y[2], 0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] ** 2, 3e7 * y[1] ** 2]


def rober_jac(t, y):
    return [[-0.04, 1e4 * y[2], 1e4 * y[1]],
            [0.04, -1e4 * y[2] - 6e7 * y[1], -1e4 * y[1]],
            [0, 6e7 * y[1], 0]]


def hires(t, y):
    return [-1.71 * y[0] + 0.43 * y[1] + 8.32 * y[2] + 0.0007,
            1.71 * y[0] - 8.75 * y[1],
            -10.03 * y[2] + 0.43 * y[3] + 0.035 * y[4],
            8.32 * y[1] + 1.71 * y[2] - 1.12 * y[3],
            -1.745 * y[4] + 0.43 * y[5] + 0.43 * y[6],
            -280 * y[5] * y[7] + 0.69 * y[3] + 1.71 * y[4] - 0.43 * y[5] + 0.69 * y[6],
            280 * y[5] * y[7] - 1.81 * y[6],
            -(280 * y[5] * y[7] - 1.81 * y[6])]


def hires_jac(t, y):
    j = np.zeros((8, 8))
    j[0, 0:3] = [-1.71, 0.43, 8.32]
    j[1, 0:2] = [1.71, -8.75]
    j[2, 2:5] = [-10.03, 0.43, 0.035]
    j[3, 1:4] = [8.32, 1.71, -1.12]
    j[4, 4:7] = [-1.745, 0.43, 0.43]
    j[5, 3:8] = [0.69, 1.71, -0.43 - 280 * y[7], 0.69, -280 * y[5]]
    j[6, 5:8] = [280 * y[7], -1.81, 280 * y[5]]
    j[7] = -j[6]
    return j


def vdpol_jac(t, y):
    return [[0, 1], [(-2 * y[0] * y[1] - 1) / 1e-6, (1 - y[0] ** 2) / 1e-6]]


def orego_jac(t, y):
    return [[77.27 * (1 - 2 * 8.375e-6 * y[0] - y[1]), 77.27 * (1 - y[0]), 0],
            [-y[1] / 77.27, -(1 + y[0]) / 77.27, 1 / 77.27],
            [0.161, 0, -0.161]]


def vdpol(t, y):
    return [y[1], ((1 - y[0] ** 2) * y[1] - y[0]) / 1e-6]


def orego(t, y):
    return [77.27 * (y[1] + y[0] * (1 - 8.375e-6 * y[0] - y[1])),
            (y[2] - (1 + y[0]) * y[1]) / 77.27,
            0.161 * (y[0] - y[2])]


STIFF = {
    "rober": (rober, (0, 1e11), [1, 0, 0], [0.2083340149701255e-7, 0.8333360770334713e-13, 0.9999999791665050], rober_jac),
    "hires": (hires, (0, 321.8122), [1, 0, 0, 0, 0, 0, 0, 0.0057],
              [0.7371312573325668e-3, 0.1442485726316185e-3, 0.5888729740967575e-4, 0.1175651343283149e-2,
               0.2386356198831331e-2, 0.6238968252742796e-2, 0.2849998395185769e-2, 0.2850001604814231e-2], hires_jac),
    "vdpol": (vdpol, (0, 2), [2, 0], [1.706167732170483, -0.8928097010247975], vdpol_jac),
    "orego": (orego, (0, 360), [1, 2, 3], [1.000814870318523, 1228.178521549917, 132.0554942846706], orego_jac),
}

PROBLEMS = {
    "lotka-volterra": (lotka_volterra, (0, 10), [1, 1], [1.02634476757, 0.90969107814]),
    "arenstorf": (arenstorf, (0, 17.0652165601579625588917206249), [0.994, 0, 0, -2.00158510637908252240537862224],
                  [0.994, 0, 0, -2.00158510637908252240537862224]),
    "pleiades": (pleiades, (0, 3), [3, 3, -1, -3, 2, -2, 2, 3, -3, 2, 0, 0, -4, 4, 0, 0, 0, 0, 0, 1.75, -1.5,
                                    0, 0, 0, -1.25, 1, 0, 0],
                 [0.3706139143970502, 3.237284092057233, -3.222559032418324]),
}


def main():
    name, method, rtol, atol = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    if name in STIFF:
        f, span, y0, reference, jac = STIFF[name]
        extra = {"jac": jac} if jac is not None else {}
    else:
        f, span, y0, reference = PROBLEMS[name]
        extra = {}
    best, solution, runs, start = float("inf"), None, 0, time.perf_counter()
    while runs < 3 or (runs < 20 and time.perf_counter() - start < 5):
        t0 = time.perf_counter()
        solution = solve_ivp(f, span, y0, method=method, rtol=rtol, atol=atol, **extra)
        best = min(best, time.perf_counter() - t0)
        runs += 1
    y = solution.y[:, -1]
    error = max(abs(y[i] - reference[i]) / max(abs(reference[i]), 1) for i in range(len(reference)))
    print("scipy problem=%s method=%s seconds=%.6f error=%.3E rhs=%d" % (name, method, best, error, solution.nfev))


if __name__ == "__main__":
    main()
