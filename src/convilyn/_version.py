# The successor of the vendor's convilyn 4.x (same distribution and import name): 5.0 once
# released, a development version until then.
__version__ = "5.0.0.dev0"
