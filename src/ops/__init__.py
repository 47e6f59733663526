"""Operations: metrics, logs, traces, health probes and retention (what an operator sees)."""
