"""The shipped calendar layers (docs/rules.md §13): one TOML file per region, declared data
read by ``core.calendar_layers.parse_layer``; the notices each year rests on are listed in
docs/sources.md."""
