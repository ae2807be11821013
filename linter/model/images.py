"""Image references: `[registry/]name[:tag][@digest]`, as Docker normalises them."""

from __future__ import annotations

import posixpath

from ..lazy_re import lazy_compile
from ..records import Record, init

_DIGEST = lazy_compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}\Z")
_TAG = lazy_compile(r"[\w][\w.-]{0,127}\Z")
_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_DOMAIN = (
    r"(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
    r"(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?"
)
_REFERENCE = lazy_compile(
    rf"(?:{_DOMAIN}/)?{_COMPONENT}(?:/{_COMPONENT})*(?::[\w][\w.-]{{0,127}})?"
    r"(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?\Z"
)


class ImageRef(Record):
    """A parsed reference. `registry` is None for Docker Hub (docker.io)."""

    __slots__ = ("text", "registry", "name", "tag", "digest")

    text: str
    registry: str | None
    name: str
    tag: str | None
    digest: str | None

    def __init__(
        self,
        text: str,
        registry: str | None,
        name: str,
        tag: str | None,
        digest: str | None,
    ) -> None:
        init(self, "text", text)
        init(self, "registry", registry)
        init(self, "name", name)
        init(self, "tag", tag)
        init(self, "digest", digest)

    @property
    def is_scratch(self) -> bool:
        return self.name == "scratch" and self.registry is None

    @property
    def registry_host(self) -> str:
        """The registry, with Docker Hub spelled `docker.io`."""
        return self.registry or "docker.io"

    @property
    def short_name(self) -> str:
        """The last path component of the name (`library/node` -> `node`)."""
        return self.name.rsplit("/", 1)[-1]

    @property
    def is_pinned_by_digest(self) -> bool:
        return self.digest is not None


def parse_image(text: str) -> ImageRef | None:
    """Parse a reference; None when it is not one (e.g. empty or with spaces)."""
    if not text or any(char.isspace() for char in text):
        return None
    rest = text
    digest = None
    if "@" in rest:
        rest, _, digest = rest.partition("@")
        if not _DIGEST.match(digest):
            return None
    registry = None
    first, slash, remainder = rest.partition("/")
    if slash and ("." in first or ":" in first or first == "localhost" or first != first.lower()):
        registry = first
        rest = remainder
    tag = None
    name = rest
    colon = rest.rfind(":")
    if colon != -1 and "/" not in rest[colon:]:
        name, tag = rest[:colon], rest[colon + 1 :]
        if not _TAG.match(tag):
            return None
    if not name:
        return None
    if registry is None and name.startswith("library/"):
        name = name[len("library/") :]
    return ImageRef(text, registry, name, tag, digest)


def is_valid_reference(text: str) -> bool:
    """Whether Docker accepts `text` as an image reference (lower-case repository
    path, optional registry host, tag and digest)."""
    if not text or len(text) > 255:
        return False
    first, slash, _ = text.partition("/")
    is_domain = any(char in first for char in ".:") or first == "localhost"
    if slash and not is_domain and first != first.lower():
        return False
    return _REFERENCE.match(text) is not None


_DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

# ENV that Docker's official images set on every tag and variant (their Dockerfiles
# in docker-library), for the paths the filesystem model follows: a RUN in such an
# image sees these values unless the Dockerfile sets the names itself.
_OFFICIAL_IMAGE_ENVIRONMENT: dict[str, dict[str, str]] = {
    "golang": {"GOPATH": "/go"},
    "rust": {"RUSTUP_HOME": "/usr/local/rustup", "CARGO_HOME": "/usr/local/cargo"},
    "ruby": {"GEM_HOME": "/usr/local/bundle", "BUNDLE_APP_CONFIG": "/usr/local/bundle"},
    "eclipse-temurin": {"JAVA_HOME": "/opt/java/openjdk"},
    "tomcat": {"CATALINA_HOME": "/usr/local/tomcat"},
    "httpd": {"HTTPD_PREFIX": "/usr/local/apache2"},
    "php": {"PHP_INI_DIR": "/usr/local/etc/php"},
    "maven": {"MAVEN_HOME": "/usr/share/maven"},
    "mongo": {"HOME": "/data/db"},
    "rabbitmq": {"HOME": "/var/lib/rabbitmq", "RABBITMQ_HOME": "/opt/rabbitmq"},
    "composer": {"COMPOSER_HOME": "/tmp", "PHP_INI_DIR": "/usr/local/etc/php"},
}

# The same for widely used images that are not official ones, by full name: the
# conda distributions install conda into /opt/conda and say so in their ENV.
_KNOWN_IMAGE_ENVIRONMENT: dict[str, dict[str, str]] = {
    "continuumio/miniconda3": {"PATH": "/opt/conda/bin:" + _DEFAULT_PATH},
    "continuumio/anaconda3": {"PATH": "/opt/conda/bin:" + _DEFAULT_PATH},
    "condaforge/miniforge3": {"CONDA_DIR": "/opt/conda", "PATH": "/opt/conda/bin:" + _DEFAULT_PATH},
    "condaforge/mambaforge": {"CONDA_DIR": "/opt/conda", "PATH": "/opt/conda/bin:" + _DEFAULT_PATH},
    "mambaorg/micromamba": {"MAMBA_ROOT_PREFIX": "/opt/conda"},
}


# The spellings of Docker Hub's registry in a reference.
_DOCKER_HUB = frozenset({"docker.io", "index.docker.io", "registry-1.docker.io"})


# `alpine`, `22-alpine`, `1.24-alpine3.21`, `mainline-alpine-perl`
_ALPINE_TAG = lazy_compile(r"(?:^|-)alpine[0-9.]*(?:-|$)")


def busybox_userland(image: ImageRef) -> bool:
    """Whether the image is Alpine or BusyBox, or an Alpine variant by its tag: its
    shell is BusyBox ash, its wget BusyBox's, and it has no bash unless installed."""
    return posixpath.basename(image.name) in ("alpine", "busybox") or (
        image.tag is not None and _ALPINE_TAG.search(image.tag) is not None
    )


def is_docker_hub(image: ImageRef) -> bool:
    """Whether the image is on Docker Hub (`python`, `docker.io/...`, `index.docker.io/...`)."""
    return image.registry_host in _DOCKER_HUB


def official_image_name(image: ImageRef) -> str | None:
    """The name of a Docker Hub official image (`python` for `python:3.12`,
    `docker.io/library/python:3.12` or `library/python`); None for any other image."""
    if image.registry_host not in _DOCKER_HUB:
        return None
    name = image.name.removeprefix("library/")
    return None if "/" in name else name


def official_image_environment(image: ImageRef) -> dict[str, str]:
    """Known ENV of a Docker Hub official image (`golang:1.22` sets GOPATH=/go) or of
    one of the other images listed above."""
    name = official_image_name(image)
    if name is not None:
        return _OFFICIAL_IMAGE_ENVIRONMENT.get(name, {})
    if image.registry_host in _DOCKER_HUB:
        return _KNOWN_IMAGE_ENVIRONMENT.get(image.name, {})
    return {}


# Every name the ENV of these official images sets, on any tag (from their Dockerfiles
# in docker-library, old tags included): a name not listed is unset in what the
# builder expands (`WORKDIR ${APPDIR:-/app}` on `alpine` is /app).
_OFFICIAL_IMAGE_ENV_NAMES: dict[str, frozenset[str]] = {
    "alpine": frozenset({"PATH"}),
    "busybox": frozenset({"PATH"}),
    "debian": frozenset({"PATH"}),
    "ubuntu": frozenset({"PATH"}),
    "python": frozenset(
        {"PATH", "LANG", "GPG_KEY", "PYTHON_VERSION", "PYTHON_SHA256", "PYTHON_PIP_VERSION"}
        | {"PYTHON_SETUPTOOLS_VERSION", "PYTHON_GET_PIP_URL", "PYTHON_GET_PIP_SHA256"}
    ),
    "node": frozenset({"PATH", "NODE_VERSION", "YARN_VERSION", "NPM_CONFIG_LOGLEVEL"}),
    "golang": frozenset({"PATH", "GOLANG_VERSION", "GOTOOLCHAIN", "GOPATH"}),
}


# Images that set a USER other than root, so that a RUN on them without a USER of its
# own does not run as root and `~` is not /root (read from their Dockerfiles): Docker
# Hub official images by name, other repositories by name or by namespace (`bitnami/`).
_NON_ROOT_OFFICIAL_IMAGES = frozenset(
    {"elasticsearch", "emqx", "groovy", "haproxy", "jetty", "kibana", "kong", "liquibase"}
    | {"logstash", "odoo", "open-liberty", "rocket.chat", "solr", "sonarqube", "spark"}
    | {"websphere-liberty", "memcached", "varnish", "adminer"}
)
_NON_ROOT_IMAGES = frozenset(
    {"docker.io/jenkins/jenkins", "docker.io/jenkins/agent", "docker.io/jenkins/inbound-agent"}
    | {"docker.io/grafana/grafana", "docker.io/prom/prometheus", "docker.io/prom/alertmanager"}
    | {"docker.io/prom/node-exporter", "docker.io/sonatype/nexus3", "docker.io/apache/airflow"}
    | {"docker.io/apache/superset", "docker.io/nginxinc/nginx-unprivileged"}
    | {"quay.io/keycloak/keycloak", "docker.elastic.co/elasticsearch/elasticsearch"}
    | {"docker.elastic.co/kibana/kibana", "docker.elastic.co/logstash/logstash"}
)
_NON_ROOT_NAMESPACES = frozenset(
    {"docker.io/jupyter/", "quay.io/jupyter/", "docker.io/bitnami/", "docker.io/cimg/"}
    | {"docker.io/circleci/", "docker.io/gitpod/", "docker.io/selenium/"}
    | {"docker.io/confluentinc/", "cgr.dev/chainguard/"}
)
# Red Hat's UBI language and toolset images (`ubi9/python-312`, `ubi9/go-toolset`) run
# as 1001 (OpenJDK's as 185); the bare bases (`ubi9/ubi`, `-minimal`, ...) as root.
_RED_HAT_REGISTRIES = frozenset({"registry.access.redhat.com", "registry.redhat.io"})
_UBI_ROOT_IMAGES = frozenset({"ubi", "ubi-minimal", "ubi-micro", "ubi-init"})
_UBI_NAMESPACE = lazy_compile(r"ubi[0-9]+")
_ROOT_EXCEPTIONS = frozenset({"docker.io/bitnami/minideb"})


def sets_non_root_user(image: ImageRef) -> bool:
    """Whether the image is known to set a USER other than root (see above)."""
    name = official_image_name(image)
    if name is not None:
        return name in _NON_ROOT_OFFICIAL_IMAGES
    full = f"{image.registry_host}/{image.name}"
    if full in _ROOT_EXCEPTIONS:
        return False
    if full in _NON_ROOT_IMAGES or any(full.startswith(space) for space in _NON_ROOT_NAMESPACES):
        return True
    namespace, _, rest = image.name.partition("/")
    return (
        image.registry_host in _RED_HAT_REGISTRIES
        and _UBI_NAMESPACE.fullmatch(namespace) is not None
        and "/" not in rest
        and rest not in _UBI_ROOT_IMAGES
    )


# What `yum` is on an RPM distribution's image, by its version: yum itself (EL7,
# Amazon Linux 2), dnf 3/4 (EL8 and later, Fedora before 41, Amazon Linux 2023) or
# dnf5 (Fedora 41 and later); each keeps its cache in its own directory.
RPM_CACHE_DIRECTORIES = {
    "yum": "/var/cache/yum",
    "dnf": "/var/cache/dnf",
    "dnf5": "/var/cache/libdnf5",
}
_LEADING_NUMBER = lazy_compile(r"[0-9]+")
_UBI_NAME = lazy_compile(r"(redhat/)?ubi([0-9]+)(?:-[a-z]+)?(?:/.+)?")


def rpm_frontend(image: ImageRef) -> str | None:
    """What `yum` runs on the image: "yum", "dnf" or "dnf5" (see above); None for an
    image that is not one of these distributions or a tag that does not say."""
    name = image.name.removeprefix("library/")
    tag = image.tag or "latest"
    number = _LEADING_NUMBER.match(tag)
    version = int(number.group()) if number else None
    if name in ("rockylinux", "rockylinux/rockylinux", "almalinux") or name.startswith(
        "almalinux/"
    ):
        return "dnf"
    if name in ("centos", "centos/centos"):
        if tag.startswith("centos"):  # `centos:centos7`
            number = _LEADING_NUMBER.match(tag, len("centos"))
            version = int(number.group()) if number else None
        if tag.startswith("stream") or (version is not None and version >= 8):
            return "dnf"
        return "yum" if version is not None else None
    if name in ("fedora", "fedora/fedora"):
        if tag in ("latest", "rawhide") or (version is not None and version >= 41):
            return "dnf5"
        return "dnf" if version is not None and version >= 22 else None
    if name == "oraclelinux" and version is not None:
        return "dnf" if version >= 8 else "yum"
    if name == "amazonlinux":
        if version == 2023:
            return "dnf"
        return "yum" if version == 2 else None
    ubi = _UBI_NAME.fullmatch(name)  # `ubi9/ubi`, `ubi8/python-39`, `redhat/ubi9-minimal`
    if ubi is not None and (image.registry_host in _RED_HAT_REGISTRIES or ubi.group(1)):
        return "dnf" if int(ubi.group(2)) >= 8 else "yum"
    return None


_GO_RELEASE = lazy_compile(r"1\.([0-9]+)(?![0-9])")


def go_minor_version(image: ImageRef) -> int | None:
    """N of the Go 1.N an official golang image has, by its tag (`golang:1.10-alpine`
    is 10); None for any other image, or a tag that does not say (`golang:alpine`)."""
    if image.tag is None or official_image_name(image) != "golang":
        return None
    match = _GO_RELEASE.match(image.tag)
    return int(match.group(1)) if match else None


# Distributions whose /bin/sh is bash (Debian and Ubuntu have dash, Alpine and
# BusyBox ash).
_SH_IS_BASH = frozenset(
    {"fedora", "centos", "rockylinux", "almalinux", "oraclelinux", "amazonlinux"}
    | {"opensuse/leap", "opensuse/tumbleweed", "archlinux", "photon", "mageia"}
)


def sh_is_bash(image: ImageRef) -> bool:
    """Whether the image's /bin/sh is bash (Fedora, the RHEL family and UBI, openSUSE,
    Arch Linux), by its name."""
    name = image.name.removeprefix("library/")
    if name.rsplit("/", 1)[-1] in _SH_IS_BASH or name in _SH_IS_BASH:
        return True
    return _UBI_NAME.fullmatch(name) is not None and rpm_frontend(image) is not None


def official_image_env_names(image: ImageRef) -> frozenset[str] | None:
    """Every name the image's ENV may set, when the image is one whose ENV is known
    in full (see above); None for any other image."""
    name = official_image_name(image)
    return _OFFICIAL_IMAGE_ENV_NAMES.get(name) if name is not None else None


# Official images whose ENV (and that of the images they are built on) leaves HOME
# unset: the container runtime sets HOME when a process starts, so in the words the
# builder expands (WORKDIR, COPY, ENV, `--mount` targets) `$HOME` is empty, while a
# RUN sees /root. `mongo` and `rabbitmq` set HOME and are not listed.
_OFFICIAL_IMAGES_WITHOUT_HOME = frozenset(
    {
        "alpine", "almalinux", "amazonlinux", "archlinux", "buildpack-deps", "busybox",
        "centos", "composer", "debian", "drupal", "eclipse-temurin", "fedora", "golang", "haproxy",
        "httpd", "julia", "maven", "memcached", "mysql", "nginx", "node", "openjdk",
        "oraclelinux", "php", "postgres", "pypy", "python", "redis", "rockylinux", "ruby",
        "rust", "tomcat", "ubuntu", "wordpress",
    }
)  # fmt: skip


def builder_unset_names(image: ImageRef) -> frozenset[str]:
    """Names the builder surely finds unset on top of this image (beyond what the
    Dockerfile sets): HOME on `scratch` and the official images listed above."""
    name = "scratch" if image.is_scratch else official_image_name(image)
    if name == "scratch" or name in _OFFICIAL_IMAGES_WITHOUT_HOME:
        return _HOME_ONLY
    return frozenset()


_HOME_ONLY = frozenset({"HOME"})


# Official images whose Dockerfiles set no WORKDIR: their working directory is `/`,
# like the root filesystem images they are built from.
_OFFICIAL_IMAGES_WITHOUT_WORKDIR = frozenset(
    {
        "alpine", "almalinux", "amazonlinux", "archlinux", "buildpack-deps", "busybox",
        "centos", "debian", "eclipse-temurin", "fedora", "julia", "mariadb", "memcached",
        "mongo", "mysql", "nginx", "node", "openjdk", "oraclelinux", "postgres", "pypy",
        "python", "rabbitmq", "rockylinux", "ruby", "rust", "ubuntu",
    }
)  # fmt: skip
# Official images whose Dockerfiles end with a WORKDIR, the same on every Linux tag.
_OFFICIAL_IMAGE_WORKDIR = {
    "composer": "/app",
    "drupal": "/opt/drupal",
    "ghost": "/var/lib/ghost",
    "golang": "/go",
    "httpd": "/usr/local/apache2",
    "redis": "/data",
    "tomcat": "/usr/local/tomcat",
    "wordpress": "/var/www/html",
}


def official_image_workdir(image: ImageRef) -> str | None:
    """The working directory a Docker Hub official Linux image starts in (None when
    not known): `/` for `debian` or `python`, `/go` for `golang`."""
    name = official_image_name(image)
    if name == "php":
        # Only the apache and fpm variants set one (cli and zts, the default, do not).
        tag = image.tag or ""
        return "/var/www/html" if "apache" in tag or "fpm" in tag else "/"
    if name in _OFFICIAL_IMAGES_WITHOUT_WORKDIR:
        return "/"
    return _OFFICIAL_IMAGE_WORKDIR.get(name) if name is not None else None


# Directories the official images make beyond the base system (besides their WORKDIR).
_APT_DIRECTORIES = frozenset(
    {"/etc/apt", "/etc/apt/apt.conf.d", "/etc/apt/sources.list.d", "/etc/apt/preferences.d"}
    | {"/etc/apt/trusted.gpg.d", "/var/lib/apt", "/var/lib/apt/lists", "/var/cache/apt"}
)
_OFFICIAL_IMAGE_DIRECTORIES: dict[str, frozenset[str]] = {
    "golang": frozenset({"/go", "/go/bin", "/go/src", "/usr/local/go", "/usr/local/go/bin"}),
    "rust": frozenset({"/usr/local/cargo", "/usr/local/cargo/bin", "/usr/local/rustup"}),
    "node": frozenset({"/usr/local/lib/node_modules", "/home/node"}),
    "alpine": frozenset({"/etc/apk", "/etc/apk/keys"}),
    "debian": _APT_DIRECTORIES,
    "ubuntu": _APT_DIRECTORIES,
    "postgres": frozenset({"/docker-entrypoint-initdb.d"}),
    "mysql": frozenset({"/docker-entrypoint-initdb.d"}),
    "mariadb": frozenset({"/docker-entrypoint-initdb.d"}),
    "mongo": frozenset({"/docker-entrypoint-initdb.d"}),
    "php": frozenset({"/usr/local/etc/php", "/usr/local/etc/php/conf.d", "/var/www/html"}),
    "nginx": frozenset(
        {"/etc/nginx", "/etc/nginx/conf.d", "/usr/share/nginx/html", "/docker-entrypoint.d"}
    ),
    "httpd": frozenset({"/usr/local/apache2", "/usr/local/apache2/htdocs"}),
    "tomcat": frozenset({"/usr/local/tomcat", "/usr/local/tomcat/webapps"}),
}


def official_image_directories(image: ImageRef | None) -> frozenset[str]:
    """Directories a Docker Hub official image is known to have (`/go/bin`)."""
    name = official_image_name(image) if image is not None else None
    return _OFFICIAL_IMAGE_DIRECTORIES.get(name, frozenset()) if name else frozenset()
