# Reference values for test/classical/arima-reference.test.ts: R 4.2.2, stats::arima and
# forecast 8.20 (Debian bookworm r-cran-forecast), urca (r-cran-urca).
# Run from the repository root:
#   npx tsx test/classical/reference/export-series.ts /tmp/classical-reference/series.json
#   Rscript test/classical/reference/r-arima-reference.R > test/classical/fixtures/arima-reference.ts
#   npx biome format --write test/classical/fixtures/arima-reference.ts
suppressMessages({library(forecast); library(jsonlite); library(urca)})
s <- fromJSON("/tmp/classical-reference/series.json")
# name, season length, fixed orders fitted by CSS (p d q P D Q, drift when d + D = 1, mean when 0)
cases <- list(
  list(name = "dampedTrend", m = 1, orders = list(c(1,1,1,0,0,0), c(2,1,0,0,0,0), c(0,2,2,0,0,0))),
  list(name = "trendSeasonalM12", m = 12, orders = list(c(1,0,0,0,1,1), c(0,1,1,0,1,1))),
  list(name = "additiveNegativeM4", m = 4, orders = list(c(2,0,0,0,1,1), c(1,0,1,1,0,0))),
  list(name = "dailyCycleM24", m = 24, orders = list(c(1,1,2,0,1,1))),
  list(name = "H1", m = 24, orders = list(c(2,0,2,0,1,1), c(1,1,1,0,1,1))),
  list(name = "W100", m = 1, orders = list(c(5,2,0,0,0,0), c(1,1,1,0,0,0)))
)
out <- list()
for (case in cases) {
  y <- ts(s[[case$name]], frequency = case$m)
  n <- length(y)
  fits <- list()
  for (o in case$orders) {
    diffs <- o[2] + o[5]
    seasonal <- list(order = o[4:6], period = case$m)
    fit <- if (diffs == 1) {
      arima(y, order = o[1:3], seasonal = seasonal, xreg = 1:n, method = "CSS")
    } else {
      arima(y, order = o[1:3], seasonal = seasonal, include.mean = diffs == 0, method = "CSS")
    }
    # The forecast from the end of the series with these coefficients (Kalman filter, predict.Arima).
    fc <- if (diffs == 1) predict(fit, n.ahead = 6, newxreg = (n + 1):(n + 6))$pred else predict(fit, n.ahead = 6)$pred
    fits[[length(fits) + 1]] <- list(order = o, coef = unname(fit$coef), names = names(fit$coef),
                                     sigma2 = fit$sigma2, forecast = as.numeric(fc))
  }
  kpss <- ur.kpss(as.numeric(y), type = "mu", use.lag = trunc(3 * sqrt(n) / 13))@teststat[1]
  D <- if (case$m > 1) nsdiffs(y) else 0
  d <- ndiffs(if (D > 0) diff(y, lag = case$m) else y)
  out[[case$name]] <- list(m = case$m, kpss = kpss, D = D, d = d, fits = fits)
}
cat("// R 4.2.2 stats::arima(method = \"CSS\"), forecast 8.20 ndiffs/nsdiffs and urca::ur.kpss on the\n")
cat("// reference series: test/classical/reference/r-arima-reference.R wrote this file.\n\n")
cat("export const R_ARIMA_REFERENCE = ", toJSON(out, auto_unbox = TRUE, digits = NA), " as const;\n", sep = "")
