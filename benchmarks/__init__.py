"""Benchmarks of reseau at LinkedIn scale (outside the test suite).

`python -m benchmarks.generate` writes realistic data of any size;
`python -m benchmarks.run` measures every target of the scale issue beside its
floor or peer, measured in the same run.
"""
