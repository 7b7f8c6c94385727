"""One backend per input format; ``pipelines.extract.converter.FORMAT_TO_BACKEND`` routes formats to them."""
