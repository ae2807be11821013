# syntax=docker/dockerfile:1
FROM node:20-slim
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends git=1:2.39.5-0+deb12u2
COPY .npmrc .
COPY . .
RUN npm ci --omit=dev
RUN rm .npmrc && rm -rf /var/lib/apt/lists/*
RUN chown -R node:node /app
USER 1000
CMD ["node", "server.js"]
