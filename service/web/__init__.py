"""Server-rendered pages (Jinja templates, a little vanilla JS/CSS, no build step)."""
