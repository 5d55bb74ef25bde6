# Image of the `tests` service (docker-compose.yml): Odoo 18 as shipped in the
# official image, on Debian 12 with what `make test` needs -- Debian's own
# Chromium for the browser tours (Ubuntu's, in the official image, is a snap
# stub that cannot run in a container), wkhtmltopdf and CJK fonts for the PDF
# reports, make and gettext, and the pinned lint/test tools in a venv.
# Odoo 18 supports Debian 12's python3-* packages (see its requirements.txt),
# so its dependencies come from Debian, by package name.
ARG ODOO_IMAGE=odoo:18
FROM ${ODOO_IMAGE} AS odoo

FROM debian:bookworm-slim
RUN set -eux; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        adduser ca-certificates postgresql-client \
        python3 python3-venv python3-pip \
        python3-asn1crypto python3-babel python3-cbor2 python3-chardet \
        python3-cryptography python3-dateutil python3-decorator \
        python3-docutils python3-freezegun python3-geoip2 python3-gevent \
        python3-greenlet python3-idna python3-pil python3-jinja2 \
        python3-libsass python3-lxml python3-markupsafe python3-num2words \
        python3-ofxparse python3-openpyxl python3-passlib python3-polib \
        python3-psutil python3-psycopg2 python3-openssl python3-pypdf2 \
        python3-rjsmin python3-qrcode python3-renderpm python3-reportlab \
        python3-requests python3-stdnum python3-tz python3-urllib3 \
        python3-vobject python3-werkzeug python3-xlsxwriter python3-xlrd \
        python3-zeep python3-websocket \
        fonts-dejavu-core fonts-noto-cjk wkhtmltopdf \
        chromium make gettext git; \
    rm -rf /var/lib/apt/lists/*; \
    adduser --system --group --home /var/lib/odoo --shell /bin/bash odoo

# Odoo itself, unchanged, from the official image
COPY --from=odoo /usr/lib/python3/dist-packages/odoo /usr/lib/python3/dist-packages/odoo
COPY --from=odoo /usr/bin/odoo /usr/bin/odoo

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
