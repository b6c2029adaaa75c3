# Reference values for test/classical: R 4.2.2, forecast 8.20 (Debian bookworm r-cran-forecast),
# and the M4 organisers' "Benchmarks and Evaluation.R" (Mcompetitions/M4-methods), whose function
# definitions are evaluated here unchanged (its example run at the top is skipped).
# Before running: save that file as /tmp/classical-reference/m4-benchmarks.R
# (git show "HEAD:Benchmarks and Evaluation.R" in a clone of Mcompetitions/M4-methods) and run
# generate-synthetic.py. Then: Rscript r-forecast-reference.R
suppressMessages({library(forecast); library(jsonlite)})
exprs <- parse("/tmp/classical-reference/m4-benchmarks.R")
isFunctionDefinition <- function(e) {
  is.call(e) && identical(e[[1]], as.name("<-")) && is.call(e[[3]]) && identical(e[[3]][[1]], as.name("function"))
}
for (e in exprs) if (isFunctionDefinition(e)) eval(e, globalenv())
syn <- fromJSON("/tmp/classical-reference/synthetic.json")
readm4 <- function(freq, id) {
  d <- read.csv(file.path(Sys.getenv("M4_DIR", "../shared/bench/m4"), sprintf("%s-train.csv", freq)), stringsAsFactors = FALSE)
  row <- d[d$V1 == id, -1]
  as.numeric(row[!is.na(row)])
}
cases <- list(
  list(name = "trendSeasonalM12", y = syn$trendSeasonalM12, m = 12, h = 24),
  list(name = "additiveNegativeM4", y = syn$additiveNegativeM4, m = 4, h = 8),
  list(name = "dampedTrend", y = syn$dampedTrend, m = 1, h = 10),
  list(name = "dailyCycleM24", y = syn$dailyCycleM24, m = 24, h = 48),
  list(name = "H1", y = readm4("hourly", "H1"), m = 24, h = 48),
  list(name = "H57", y = readm4("hourly", "H57"), m = 24, h = 48),
  list(name = "W1", y = readm4("weekly", "W1"), m = 1, h = 13),
  list(name = "W100", y = readm4("weekly", "W100"), m = 1, h = 13)
)
models <- list(c("ANN",F),c("AAN",T),c("AAA",F),c("AAA",T),c("MNN",F),c("MAN",T),c("MAM",F),c("MNM",F),c("MAM",T))
result <- list()
for (cs in cases) {
  y <- ts(cs$y, frequency = cs$m); h <- cs$h; m <- cs$m
  r <- list(name = cs$name, m = m, h = h, y = cs$y)
  positive <- min(y) > 0
  if (m > 1) {
    r$seasonal <- SeasonalityTest(y, m)
    r$acf <- acf(y, lag.max = m, plot = FALSE)$acf[-1, 1, 1]
    if (positive) r$figure <- decompose(y, type = "multiplicative")$figure
    r$figureAdditive <- decompose(y, type = "additive")$figure
  }
  if (positive) {
    b <- Benchmarks(y, h)
    r$benchmarks <- list(naive = as.numeric(b[[1]]), snaive = as.numeric(b[[2]]), naive2 = as.numeric(b[[3]]),
                         ses = as.numeric(b[[4]]), theta = as.numeric(b[[7]]))
    # Theta.classic's inner ses(), step by step, to get its fitted alpha and l0.
    ST <- if (m > 1) SeasonalityTest(y, m) else FALSE
    des <- if (ST) y / decompose(y, type = "multiplicative")$seasonal else y
    n <- length(des); xt <- 1:n
    est <- lm(as.numeric(des) ~ poly(xt, 1, raw = TRUE))
    line <- as.numeric(predict(est))
    theta2 <- 2 * as.numeric(des) - line
    sm <- ses(theta2, h = h)
    r$thetaSes <- list(alpha = unname(sm$model$par["alpha"]), l0 = unname(sm$model$par["l"]),
                       sse = sum(residuals(sm$model)^2), intercept = unname(coef(est)[1]), slope = unname(coef(est)[2]))
    s1 <- ses(as.numeric(des), h = h)
    r$ses <- list(alpha = unname(s1$model$par["alpha"]), l0 = unname(s1$model$par["l"]),
                  sse = sum(residuals(s1$model)^2))
  }
  fits <- list()
  for (md in models) {
    if (m == 1 && substr(md[1], 3, 3) != "N") next
    if (!positive && (substr(md[1], 1, 1) == "M" || substr(md[1], 3, 3) == "M")) next
    f <- tryCatch(ets(y, model = md[1], damped = as.logical(md[2])), error = function(e) NULL)
    if (is.null(f)) next
    p <- f$par
    fits[[length(fits) + 1]] <- list(model = paste0(md[1], ifelse(as.logical(md[2]), "d", "")),
      alpha = unname(p["alpha"]), beta = unname(ifelse(is.na(p["beta"]), 0, p["beta"])),
      gamma = unname(ifelse(is.na(p["gamma"]), 0, p["gamma"])), phi = unname(ifelse(is.na(p["phi"]), 1, p["phi"])),
      initstate = unname(as.numeric(f$initstate)), lik = -2 * f$loglik, aicc = f$aicc,
      forecast = as.numeric(forecast(f, h = h)$mean))
  }
  r$ets <- fits
  a <- ets(y)
  r$autoEts <- list(method = a$method, aicc = a$aicc, lik = -2 * a$loglik,
                    forecast = as.numeric(forecast(a, h = h)$mean))
  result[[cs$name]] <- r
}
write(toJSON(result, digits = NA, auto_unbox = TRUE), "/tmp/classical-reference/r-reference.json")
cat("done\n")
