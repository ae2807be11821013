# syntax=docker/dockerfile:1
FROM golang:1.22 builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY --chmod . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static AS runtime
ENV APP_ENV
COPY --from=builder --link=maybe /out/app /app
EXPOSE
HEALTHCHECK --interval=often --retries=-1 CMD ["/app", "health"]
USER
ONBUILD FROM alpine:3.20
ENTRYPOINT ["/app"]
