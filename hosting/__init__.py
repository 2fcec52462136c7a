"""How 401 Doctor is served: the one policy (`policy.py`), the page's loader and service
worker, and the host recipes generated from the policy (`generate.py`)."""
