#!/usr/bin/env python3
"""An SMTP server for the tests: it accepts every message on a loopback port and stores each
one as a JSON file in a directory (envelope, subject, plain text, HTML and the raw message).
A recipient in the domain `refused.test` is refused for good (550), as a real server refuses a
mailbox that does not exist.

    python3 tests/smtp/sink.py --dir DIR [--port PORT]

Port 0 (the default) takes a free port. The first line printed is "PORT <number>" once the
server listens; it runs until it is killed. Run it again with the same --dir and --port to
restart it: files already in DIR stay, new ones are numbered after them.
"""

import argparse
import asyncio
import email
import email.policy
import json
import os
import sys

from aiosmtpd.smtp import SMTP


def lines(text):
    """SMTP carries CRLF line ends; the tests compare with the texts as written."""
    return text.replace("\r\n", "\n")


class Store:
    def __init__(self, directory):
        self.directory = directory
        os.makedirs(directory, exist_ok=True)

    def next_name(self):
        taken = [f for f in os.listdir(self.directory) if f.endswith(".json")]
        return "%06d-%d.json" % (len(taken) + 1, os.getpid())

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().endswith("@refused.test"):
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        message = email.message_from_bytes(raw, policy=email.policy.default)
        text = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "from": str(message.get("From", "")),
            "to": str(message.get("To", "")),
            "subject": str(message.get("Subject", "")),
            "content_type": message.get_content_type(),
            "text": lines(text.get_content()) if text is not None else None,
            "html": lines(html.get_content()) if html is not None else None,
            "raw": raw.decode("utf-8", errors="replace"),
        }
        name = self.next_name()
        # Written under a temporary name and renamed, so a reader never sees half a file.
        tmp = os.path.join(self.directory, "." + name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(tmp, os.path.join(self.directory, name))
        return "250 Message accepted for delivery"


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    handler = Store(args.dir)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="sink.test"), host="127.0.0.1", port=args.port
    )
    port = server.sockets[0].getsockname()[1]
    print("PORT %d" % port, flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
