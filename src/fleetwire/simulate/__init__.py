"""`fleetwire simulate`: simulated devices and the load generator for the benchmarks."""
