"""The spawners of the dev hub and the test hubs: single-user servers as local processes.

``LocalServerSpawner`` gives each server a port from ports.py, and starts a server again on
another port when it exits before it listens. A Jupyter server checks its port as it starts
(bind, listen, close) and listens for real a moment later; a process forked meanwhile by
another thread of the server (jupyter_lsp runs ``npm prefix -g`` as the server starts) holds
that checked socket until it runs its program, and the server then finds its own port in use
and exits, JupyterHub having turned its port retries off. The spawn would fail, or wait for
the hub's timeout, for a reason that has nothing to do with the server. Each new start is
logged with the exit code; a server that keeps exiting fails as it would have.

``DevSpawner`` also honours an image option. There is no container engine here, so an "image"
is a name the server is told it runs on (``JUPYTER_IMAGE_SPEC``), exactly as DockerSpawner and
KubeSpawner tell theirs. Everything else — the hub's spawn page, query options, named servers,
stop and start — is JupyterHub's own.
"""

import asyncio
import html
import re
import time

import psutil
from jupyterhub.spawner import SimpleLocalProcessSpawner
from ports import free_port
from traitlets import Integer, Unicode

# What a container image reference may look like: registry/name:tag or @digest, no spaces.
IMAGE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/:@+-]{0,254}$")


class LocalServerSpawner(SimpleLocalProcessSpawner):
    port_attempts = Integer(
        3,
        min=1,
        config=True,
        help="How many times a server is started, each on another port, when it exits "
        "before it listens.",
    )

    def choose_port(self) -> int:
        # Not JupyterHub's random_port: see ports.py.
        return free_port()

    async def start(self):
        for attempt in range(1, self.port_attempts + 1):
            self.port = self.choose_port()
            address = await super().start()
            if await self._listens_or_exits() or attempt == self.port_attempts:
                return address
            self.log.warning(
                "%s's server exited (code %s) before it listened on port %i; "
                "starting it again on another port (%i of %i)",
                self._log_name,
                self.proc.returncode,
                self.port,
                attempt + 1,
                self.port_attempts,
            )
        return address

    async def _listens_or_exits(self) -> bool:
        """True once the server listens on its port; False if it has exited first."""
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            try:
                connections = psutil.Process(self.pid).net_connections("tcp")
            except psutil.Error:
                connections = []
            if any(
                c.status == psutil.CONN_LISTEN and c.laddr.port == self.port for c in connections
            ):
                return True
            await asyncio.sleep(0.1)
        return True  # the hub's own wait for the server times out and says so


class DevSpawner(LocalServerSpawner):
    default_image = Unicode(
        "envbuilder-dev/base:latest",
        config=True,
        help="Image name a server gets when the spawn request names none.",
    )

    fail_image_prefix = Unicode(
        "envbuilder-dev/broken",
        config=True,
        help="Images starting with this fail to start, to exercise spawn failures.",
    )

    limited_user_prefix = Unicode(
        "limited",
        config=True,
        help="""Users whose name starts with this get no restart scopes, so the Environment
        panel's message for hubs that do not allow a restart can be seen and tested.""",
    )

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if self.user.name.startswith(self.limited_user_prefix):
            self.oauth_client_allowed_scopes = [
                s
                for s in self.oauth_client_allowed_scopes
                if not s.startswith(("servers!", "read:servers!"))
            ]

    def _options_form_default(self):
        return self._render_form

    def _render_form(self, spawner):
        current = html.escape((self.user_options or {}).get("image", self.default_image))
        return (
            '<label for="envbuilder-image">Image</label>'
            f'<input class="form-control" id="envbuilder-image" name="image" value="{current}">'
        )

    def options_from_form(self, formdata):
        image = (formdata.get("image") or [""])[0].strip()
        if image and not IMAGE_RE.match(image):
            raise ValueError(f"Not an image name: {image!r}")
        return {"image": image} if image else {}

    def options_from_query(self, query_data):
        return self.options_from_form(query_data)

    @property
    def image(self) -> str:
        return (self.user_options or {}).get("image") or self.default_image

    def get_env(self):
        env = super().get_env()
        env["JUPYTER_IMAGE_SPEC"] = self.image
        env["JUPYTER_IMAGE"] = self.image
        return env

    async def start(self):
        if self.image.startswith(self.fail_image_prefix):
            # Like a real spawner, fail after a moment (a pull that fails), so the hub shows
            # its progress page with the reason.
            await asyncio.sleep(2)
            error = RuntimeError(f"The image {self.image} could not be started.")
            error.jupyterhub_message = (
                f"The image {self.image} could not be started (the dev hub fails images "
                f"named {self.fail_image_prefix}* on purpose)."
            )
            raise error
        return await super().start()
