"""Reports: the result review (resultatrevision) as HTML and PDF, with SVG charts."""
