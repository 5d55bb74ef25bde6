# Image of the `tests` service (docker-compose.yml): the official Odoo 18
# image plus what `make test` needs: make, gettext (msgfmt), a Chrome for
# the browser tours (Odoo's own test image does the same), websocket-client,
# and the pinned lint/test tools of requirements-dev.txt in a venv.
ARG ODOO_IMAGE=odoo:18
FROM ${ODOO_IMAGE}

USER root
# Ubuntu's "chromium" package is a snap stub that cannot run in a container,
# hence Google Chrome (amd64), as in odoo/docker's test.Dockerfile.
RUN set -eux; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        make gettext python3-venv python3-websocket curl ca-certificates; \
    if [ "$(dpkg --print-architecture)" = "amd64" ]; then \
        curl -fsSL -o /tmp/chrome.deb \
            https://dl.google.com/linux/direct/google-chrome-stable_current_amd64.deb; \
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends /tmp/chrome.deb; \
        rm -f /tmp/chrome.deb; \
    else \
        echo "no Chrome build for $(dpkg --print-architecture): browser tours will be skipped"; \
    fi; \
    rm -rf /var/lib/apt/lists/*

# The dev tools live in their own venv (no Odoo in it: pytest runs without
# Odoo, as on a developer machine); Odoo's python stays /usr/bin/python3.
COPY requirements-dev.txt /tmp/requirements-dev.txt
RUN python3 -m venv /opt/ruralsw-dev-tools \
    && /opt/ruralsw-dev-tools/bin/pip install --no-cache-dir -r /tmp/requirements-dev.txt \
    && rm /tmp/requirements-dev.txt \
    && install -d -o odoo /var/log/ruralsw-tests
ENV PATH=/opt/ruralsw-dev-tools/bin:$PATH \
    ODOO_PYTHON=/usr/bin/python3 \
    TOOLS_FROM_PATH=1

USER odoo
