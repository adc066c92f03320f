"""Input formats: one module per format, each turning a file into what the rules read.

- :mod:`~owabilint.inputs.formats`: the format names and the contract of a format module;
- :mod:`~owabilint.inputs.registry`: which modules exist and which suffixes select them;
- :mod:`~owabilint.inputs.source`: reading a path or stdin into a decoded ``Source``;
- :mod:`~owabilint.inputs.encoding`: bytes → text (BOMs, UTF-8, Japanese legacy codecs);
- one module per format: :mod:`~owabilint.inputs.plain`, :mod:`~owabilint.inputs.markdown`,
  :mod:`~owabilint.inputs.email`, :mod:`~owabilint.inputs.docx`.
"""
