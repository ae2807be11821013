FROM python:latest
WORKDIR /app
RUN apt-get update
RUN apt-get install -y curl build-essential
RUN curl -fsSLo /tmp/tool.tar.gz https://example.com/tool-1.2.3.tar.gz
RUN tar -xzf /tmp/tool.tar.gz -C /usr/local/bin
RUN rm /tmp/tool.tar.gz && rm -rf /var/lib/apt/lists/*
COPY . .
RUN pip install -r requirements.txt
COPY id_rsa /root/.ssh/id_rsa
RUN chmod 600 /root/.ssh/id_rsa && git clone git@github.com:example/private-lib.git /opt/lib
RUN rm /root/.ssh/id_rsa
RUN chown -R nobody:nogroup /app
RUN apt-get purge -y build-essential
RUN rm -rf /usr/share/doc/* /usr/share/man/*
CMD python app.py
