# syntax=docker/dockerfile:1
# Build the wheels in a stage of their own: compilers and caches stay out of the image.
FROM python:3.12-slim AS build
WORKDIR /src
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential=12.9 \
 && rm -rf /var/lib/apt/lists/*
COPY requirements.txt ./
RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt

FROM python:3.12-slim
WORKDIR /app
RUN useradd --create-home --uid 10001 app
# Dependencies first: this layer stays cached until requirements.txt changes.
COPY requirements.txt ./
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install --no-cache-dir --no-index --find-links=/wheels -r requirements.txt
COPY --chown=10001:10001 . .
USER 10001
HEALTHCHECK --interval=30s --timeout=3s CMD ["python", "-m", "app.healthcheck"]
CMD ["python", "-m", "app"]
