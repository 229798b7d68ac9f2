"""``envbuilder-settings`` and ``envbuilder-lab-settings``: the settings reference, read from
the code (the traitlets of a Configurable, the JupyterLab settings schema) so every setting and
its default is written down once, where it is defined.

    ```{envbuilder-settings} jupyterlab_envbuilder.config.EnvBuilder
    ```
    ```{envbuilder-lab-settings} schema/plugin.json
    ```
"""

import importlib
import inspect
import json
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective
from traitlets import Undefined


def _default(cls, name, trait):
    if name in cls._trait_default_generators:
        # Computed when the server starts: the help text says from what.
        return "computed, see below"
    value = trait.default_value
    if value is Undefined:
        return "none"
    return f"``{value!r}``"


class EnvBuilderSettings(SphinxDirective):
    required_arguments = 1

    def run(self):
        module, _, name = self.arguments[0].rpartition(".")
        cls = getattr(importlib.import_module(module), name)
        lines = []
        for trait_name, trait in sorted(cls.class_traits(config=True).items()):
            if trait.this_class is not cls:
                continue  # inherited from traitlets' Application: not ours to document
            kind = type(trait).__name__
            lines += [
                f"``c.{name}.{trait_name}``",
                f"   *{kind}*, default: {_default(cls, trait_name, trait)}",
                "",
            ]
            help_text = inspect.cleandoc(trait.help or "")
            lines += ["   " + line if line else "" for line in help_text.splitlines()]
            lines.append("")
        self.env.note_dependency(inspect.getsourcefile(cls))
        return self._parse(lines)

    def _parse(self, lines):
        container = nodes.container()
        self.state.nested_parse(StringList(lines, source=self.arguments[0]), 0, container)
        return container.children


class LabSettings(SphinxDirective):
    required_arguments = 1

    def run(self):
        path = Path(self.env.srcdir).parent / self.arguments[0]
        self.env.note_dependency(str(path))
        schema = json.loads(path.read_text())
        # Built as nodes, not parsed: the descriptions are plain text, not reStructuredText.
        items = nodes.definition_list()
        for key, prop in schema.get("properties", {}).items():
            title = nodes.Text(f" ({prop.get('title', key)})")
            term = nodes.term("", "", nodes.literal(text=key), title)
            kind = nodes.paragraph(
                "",
                "",
                nodes.emphasis(text=prop.get("type", "any")),
                nodes.Text(", default: "),
                nodes.literal(text=json.dumps(prop.get("default"))),
            )
            text = nodes.paragraph(text=prop.get("description", ""))
            items += nodes.definition_list_item("", term, nodes.definition("", kind, text))
        return [items]


def setup(app):
    app.add_directive("envbuilder-settings", EnvBuilderSettings)
    app.add_directive("envbuilder-lab-settings", LabSettings)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
