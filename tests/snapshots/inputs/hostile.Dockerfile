FROM alpine:3.20 AS "<b>&amp;'x"
LABEL note="ðŸ˜€ emoji" broken
FROM alpine:3.20 AS [link](https://example.com/)
FROM alpine:3.20 AS ::error,file=x::pwned%0A[31mred
HEALTHCHECK --interval="1,2:3%25" CMD true
RUN echo "café"
COPY --frm=build ]]> </file> .
