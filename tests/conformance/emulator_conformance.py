#!/usr/bin/env python3
"""Checks every response shape of the Hub emulator against the Hub's OpenAPI subset.

Starts hubgate-emulator on a free loopback port with the built-in demo data, then, for every
path and method of the OpenAPI document that the emulator implements, makes real HTTP requests
and validates each JSON body against the document's schema for that status (the concrete URL is
matched to its path template, e.g. /api/models/{namespace}/{repo}/user-access-request/{status}).
Error answers (400, 401, 403, 404, 405, 412, 429) are checked against the Hub's error shape
described in shared/hub-api/NOTES.md. Request bodies are validated against the document's
requestBody schemas before they are sent, so a wrong field name in this script fails too.

Standard library and jsonschema (Debian's python3-jsonschema) only; nothing remote is resolved:
every "$ref" must point inside the OpenAPI document.

Prints one line per check and ends with "N passed, M failed"; exits 1 on any failure.
"""

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import jsonschema
from jsonschema import Draft202012Validator

# The Hub's error body (NOTES.md, "Errors"): exactly {"error": "human readable message"}.
ERROR_BODY_SCHEMA = {
    "type": "object",
    "properties": {"error": {"type": "string", "minLength": 1}},
    "required": ["error"],
    "additionalProperties": False,
}

ISO_TIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$"

# GET /{namespace}/{repo}/user-access-report is documented in the OpenAPI subset as
# `"type": "string"` because the Hub serves it as a file download (Content-Disposition), so the
# document says nothing about what is in the file. NOTES.md does: a JSON array with one entry per
# request, carrying user, fullname, status, email, time and reviewedAt (absent while pending).
# The download is therefore checked twice: its text against the document's string schema, and
# its parsed JSON against this schema written from NOTES.md. `email` is not required because the
# access-request lists document it as "may be absent" (users without a public e-mail); the status
# is a plain string because NOTES.md says the status set will grow.
REPORT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "user": {"type": "string", "minLength": 1},
            "fullname": {"type": "string"},
            "status": {"type": "string", "minLength": 1},
            "email": {"type": "string", "minLength": 1},
            "time": {"type": "string", "pattern": ISO_TIME},
            "reviewedAt": {"type": "string", "pattern": ISO_TIME},
        },
        "required": ["user", "fullname", "status", "time"],
        "additionalProperties": False,
        "if": {"properties": {"status": {"const": "pending"}}},
        "then": {"not": {"required": ["reviewedAt"]}},
    },
}

# Operations of the OpenAPI subset that the emulator does not implement. For each of them the
# emulator must answer 404 (unknown path) or 405 (known path, other method) in the Hub's error
# shape, never a 200 with a made-up body.
#   quicksearch: GET and POST /api/quicksearch
#   spaces: every /spaces/... and /api/spaces/... operation (the emulator has models and datasets)
#   cancel: POST /api/{models,datasets}/{namespace}/{repo}/user-access-request/cancel (the
#           requester's own cancel; the emulator only has the reviewer side)
NOT_IMPLEMENTED = [
    ("get", "/api/quicksearch"),
    ("post", "/api/quicksearch"),
    ("post", "/api/spaces/{namespace}/{repo}/commit/{rev}"),
    ("put", "/api/spaces/{namespace}/{repo}/settings"),
    ("get", "/spaces/{namespace}/{repo}/resolve/{rev}/{path}"),
    ("post", "/api/models/{namespace}/{repo}/user-access-request/cancel"),
    ("post", "/api/datasets/{namespace}/{repo}/user-access-request/cancel"),
]


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"ok   {name}", flush=True)
        else:
            self.failed += 1
            suffix = f": {detail}" if detail else ""
            print(f"FAIL {name}{suffix}", flush=True)
        return ok


class Response:
    def __init__(self, method, path, status, headers, body):
        self.method = method
        self.path = path  # path with query, as requested
        self.status = status
        self.headers = headers  # email.message.Message: case-insensitive get()
        self.body = body
        self.text = body.decode("utf-8", errors="replace")
        try:
            self.json = json.loads(self.text) if body else None
            self.is_json = bool(body)
        except ValueError:
            self.json = None
            self.is_json = False

    def header(self, name):
        return self.headers.get(name)

    def label(self):
        return f"{self.method} {self.path}"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """ask-access answers 303: the redirect is checked, not followed."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class OpenApi:
    """The document, its operations and path-template matching."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            self.doc = json.load(f)
        self.operations = []  # (method, template, regex)
        for template, item in self.doc["paths"].items():
            regex = "^" + re.sub(
                r"\\\{([^}]+)\\\}",
                lambda m: "(?P<%s>.+)" % m.group(1) if m.group(1) == "path" else "(?P<%s>[^/]+)" % m.group(1),
                re.escape(template),
            ) + "$"
            for method, operation in item.items():
                if isinstance(operation, dict) and method in (
                        "get", "put", "post", "delete", "patch", "head", "options"):
                    self.operations.append((method, template, re.compile(regex)))
        self._check_refs(self.doc)

    def _check_refs(self, node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("$ref", "$dynamicRef") and not str(value).startswith("#"):
                    raise SystemExit(f"remote reference {value!r} in the OpenAPI document: refusing to resolve it")
                self._check_refs(value)
        elif isinstance(node, list):
            for value in node:
                self._check_refs(value)

    def match(self, method, url_path):
        """The operation template for a concrete path; literal segments beat templates."""
        path = urllib.parse.urlsplit(url_path).path
        path = urllib.parse.unquote(path)
        found = []
        for op_method, template, regex in self.operations:
            if op_method == method.lower() and regex.match(path):
                params = template.count("{")
                literal = len(re.sub(r"\{[^}]+\}", "", template))
                found.append((params, -literal, template))
        if not found:
            return None
        found.sort()
        return found[0][2]

    def operation(self, method, template):
        return self.doc["paths"][template][method.lower()]

    def validator(self, pointer_parts):
        """A validator for the schema at the given JSON pointer inside the document.

        The whole document is the root schema, so local "#/..." references resolve inside it;
        its own keywords (openapi, paths, ...) are unknown to JSON Schema and ignored."""
        pointer = "#" + "".join(
            "/" + urllib.parse.quote(str(p).replace("~", "~0").replace("/", "~1"), safe="~")
            for p in pointer_parts)
        root = dict(self.doc)
        root["$ref"] = pointer
        return Draft202012Validator(root)

    def response_schema_path(self, method, template, status):
        responses = self.operation(method, template).get("responses", {})
        response = responses.get(str(status))
        if response is None:
            return None
        content = response.get("content", {})
        media = "application/json" if "application/json" in content else next(iter(content), None)
        if media is None or "schema" not in content[media]:
            return None
        return ["paths", template, method.lower(), "responses", str(status), "content", media, "schema"]

    def request_schema_path(self, method, template, media="application/json"):
        body = self.operation(method, template).get("requestBody")
        if not body or media not in body.get("content", {}):
            return None
        return ["paths", template, method.lower(), "requestBody", "content", media, "schema"]

    def documented_headers(self, method, template, status):
        responses = self.operation(method, template).get("responses", {})
        return responses.get(str(status), {}).get("headers", {})


def errors_of(validator, instance, limit=3):
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    return "; ".join(f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message[:200]}"
                     for e in errors[:limit])


class Conformance:
    def __init__(self, api, base_url, tokens, results):
        self.api = api
        self.base = base_url.rstrip("/")
        self.tokens = tokens
        self.r = results
        self.covered = set()  # (method, template) with a checked success answer or a checked 404/405
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), NoRedirect)

    # ---- HTTP ----

    def token(self, user, role="write"):
        for t in self.tokens:
            if t["user"] == user and t["role"] == role:
                return t["token"]
        raise SystemExit(f"the ready file lists no {role} token of {user}")

    def call(self, method, path, token=None, body=None, raw=None, content_type=None, headers=None):
        data = None
        all_headers = dict(headers or {})
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            all_headers.setdefault("Content-Type", "application/json")
        elif raw is not None:
            data = raw.encode("utf-8")
        if content_type:
            all_headers["Content-Type"] = content_type
        if token:
            all_headers["Authorization"] = f"Bearer {token}"
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=all_headers)
        try:
            with self.opener.open(request, timeout=30) as answer:
                return Response(method, path, answer.status, answer.headers, answer.read())
        except urllib.error.HTTPError as error:
            with error:
                return Response(method, path, error.code, error.headers, error.read())

    # ---- request bodies ----

    def valid_body(self, method, path, body, name):
        """Validates a request body against the operation's requestBody schema before sending."""
        template = self.api.match(method, path)
        pointer = self.api.request_schema_path(method, template, "application/json") if template else None
        if not self.r.check(f"{name}: request body of {method} {template} is documented", pointer is not None,
                            f"no requestBody schema for {method} {path}"):
            return False
        error = errors_of(self.api.validator(pointer), body)
        return self.r.check(f"{name}: request body {json.dumps(body)[:100]} matches the requestBody schema",
                            not error, error)

    def invalid_body(self, method, path, body, name):
        """An intentionally bad body must really be bad according to the document."""
        template = self.api.match(method, path)
        pointer = self.api.request_schema_path(method, template, "application/json")
        error = errors_of(self.api.validator(pointer), body) if pointer else "undocumented"
        return self.r.check(f"{name}: request body is invalid per the requestBody schema too", bool(error),
                            "the document accepts it")

    # ---- answers ----

    def expect_success(self, response, status, name, check_schema=True):
        """Status, then the JSON body against the document's schema for this path and status."""
        label = f"{name}: {response.label()} -> {status}"
        if not self.r.check(label, response.status == status,
                            f"got {response.status} {response.text[:300]}"):
            return False
        template = self.api.match(response.method, response.path)
        if not self.r.check(f"{name}: {response.method} {response.path.split('?')[0]} matches an OpenAPI path",
                            template is not None):
            return False
        self.covered.add((response.method.lower(), template))
        pointer = self.api.response_schema_path(response.method, template, status)
        if not self.r.check(f"{name}: {response.method} {template} documents a {status} answer",
                            pointer is not None):
            return False
        for header, spec in self.api.documented_headers(response.method, template, status).items():
            value = response.header(header)
            if value is not None and "schema" in spec:
                hp = ["paths", template, response.method.lower(), "responses", str(status), "headers", header,
                      "schema"]
                # Header values are text; a numeric schema describes the number they spell.
                if spec["schema"].get("type") in ("integer", "number"):
                    value = int(value) if re.fullmatch(r"-?\d+", value) else value
                error = errors_of(self.api.validator(hp), value)
                self.r.check(f"{name}: header {header} matches its documented schema", not error, error)
        if not check_schema:
            return True
        if not self.r.check(f"{name}: body is JSON", response.is_json, response.text[:200]):
            return False
        error = errors_of(self.api.validator(pointer), response.json)
        return self.r.check(f"{name}: body matches the {status} schema of {response.method.upper()} {template}",
                            not error, error)

    def expect_error(self, response, status, name, code=None):
        """The Hub's error shape: JSON {"error": str}, X-Error-Message, X-Request-Id (NOTES.md)."""
        ok = self.r.check(f"{name}: {response.label()} -> {status}", response.status == status,
                          f"got {response.status} {response.text[:300]}")
        if not ok:
            return False
        error = errors_of(Draft202012Validator(ERROR_BODY_SCHEMA), response.json) if response.is_json \
            else "not JSON: " + response.text[:100]
        self.r.check(f"{name}: error body is {{\"error\": string}}", not error, error)
        content_type = response.header("Content-Type") or ""
        self.r.check(f"{name}: error Content-Type is JSON", content_type.startswith("application/json"),
                     content_type)
        message = response.header("X-Error-Message")
        self.r.check(f"{name}: X-Error-Message header is set", bool(message), str(message))
        self.r.check(f"{name}: X-Request-Id header is set", bool(response.header("X-Request-Id")))
        if code is not None:
            self.r.check(f"{name}: X-Error-Code is {code}", response.header("X-Error-Code") == code,
                         f"got {response.header('X-Error-Code')!r}")
        else:
            actual = response.header("X-Error-Code")
            self.r.check(f"{name}: X-Error-Code absent or one of the documented codes",
                         actual in (None, "RepoNotFound", "GatedRepo", "EntryNotFound", "RevisionNotFound"),
                         f"got {actual!r}")
        return True

    def expect_not_implemented(self, method, template, concrete, body=None):
        response = self.call(method.upper(), concrete, token=self.token("mira-patel"), body=body)
        name = f"not implemented {method.upper()} {template}"
        if self.r.check(f"{name}: answered 404 or 405, not a made-up shape", response.status in (404, 405),
                        f"got {response.status} {response.text[:200]}"):
            self.expect_error(response, response.status, name)
        self.covered.add((method, template))

    def check_next_link(self, response, name):
        """Link: <absolute url>; rel="next" (RFC 8288), pointing back at this emulator."""
        link = response.header("Link")
        match = re.fullmatch(r'<([^>]+)>;\s*rel="next"', link or "")
        if not self.r.check(f"{name}: Link header is <url>; rel=\"next\"", match is not None, repr(link)):
            return None
        url = match.group(1)
        parts = urllib.parse.urlsplit(url)
        self.r.check(f"{name}: Link URL is absolute and on the emulator",
                     f"{parts.scheme}://{parts.netloc}" == self.base, url)
        return parts.path + ("?" + parts.query if parts.query else "")

    # ---- the checks ----

    def run(self):
        self.check_whoami()
        self.check_members()
        self.check_overview()
        self.check_settings()
        self.check_commit_and_resolve()
        self.check_head()
        self.check_files()
        self.check_request_lists()
        self.check_handle()
        self.check_batch()
        self.check_grant()
        self.check_ask_access()
        self.check_report()
        self.check_rate_limit_error()
        for method, template in NOT_IMPLEMENTED:
            concrete = (template.replace("{namespace}", "nimbus-ai").replace("{repo}", "nimbus-7b")
                        .replace("{rev}", "main").replace("{path}", "README.md"))
            self.expect_not_implemented(method, template, concrete,
                                        body={} if method in ("post", "put") else None)
        for method, template, _ in self.api.operations:
            self.r.check(f"coverage: {method.upper()} {template} exercised",
                         (method, template) in self.covered)

    def check_whoami(self):
        for role, check_fine in (("write", False), ("read", False), ("fineGrained", True)):
            name = f"whoami ({role} token)"
            response = self.call("GET", "/api/whoami-v2", token=self.token("mira-patel", role))
            if self.expect_success(response, 200, name):
                token = response.json["auth"].get("accessToken", {})
                self.r.check(f"{name}: accessToken.role is {role}", token.get("role") == role, str(token))
                self.r.check(f"{name}: orgs carry roleInOrg",
                             response.json["orgs"] and all("roleInOrg" in o for o in response.json["orgs"]))
                if check_fine:
                    scoped = token.get("fineGrained", {}).get("scoped", [])
                    self.r.check(f"{name}: fineGrained.scoped lists entities with permissions",
                                 bool(scoped) and all(s["permissions"] for s in scoped), str(scoped))
        self.expect_error(self.call("GET", "/api/whoami-v2"), 401, "whoami without a token")
        self.expect_error(self.call("GET", "/api/whoami-v2", token="hf_" + "x" * 34), 401,
                          "whoami with an unknown token")

    def check_members(self):
        response = self.call("GET", "/api/organizations/nimbus-ai/members?limit=10",
                             token=self.token("mira-patel"))
        if self.expect_success(response, 200, "org members"):
            names = sorted(m["user"] for m in response.json)
            self.r.check("org members: the three nimbus-ai members with their roles",
                         names == ["ines-dubois", "mira-patel", "sam-okoro"] and
                         all("role" in m for m in response.json), str(names))
            self.r.check("org members: no Link header on the last page", response.header("Link") is None,
                         str(response.header("Link")))
        self.expect_error(self.call("GET", "/api/organizations/no-such-org/members"), 404,
                          "members of an unknown org")

    def check_overview(self):
        response = self.call("GET", "/api/users/mira-patel/overview")
        if self.expect_success(response, 200, "user overview"):
            self.r.check("user overview: user is mira-patel", response.json.get("user") == "mira-patel")
        self.expect_error(self.call("GET", "/api/users/no-such-user/overview"), 404, "overview of an unknown user")

    def check_settings(self):
        write = self.token("mira-patel")
        path = "/api/models/nimbus-ai/nimbus-7b/settings"
        body = {"gated": "manual", "gatedNotificationsMode": "real-time",
                "gatedNotificationsEmail": "access@nimbus-ai.example", "orgMembersGated": False,
                "discussionsDisabled": False, "private": False}
        if self.valid_body("PUT", path, body, "settings (model, every field)"):
            response = self.call("PUT", path, token=write, body=body)
            if self.expect_success(response, 200, "settings (model, every field)"):
                self.r.check("settings (model): answer echoes every field sent",
                             all(response.json.get(k) == v for k, v in body.items()), response.text)
        body = {"visibility": "public", "discussionsSorting": "trending"}
        if self.valid_body("PUT", path, body, "settings (visibility, discussionsSorting)"):
            response = self.call("PUT", path, token=write, body=body)
            if self.expect_success(response, 200, "settings (visibility, discussionsSorting)"):
                self.r.check("settings: visibility public keeps the repo public, the sorting is echoed",
                             response.json.get("private") is False and
                             response.json.get("discussionsSorting") == "trending", response.text)
        bad = {"discussionsSorting": "alphabetical"}
        self.invalid_body("PUT", path, bad, "settings with an unknown discussionsSorting")
        self.expect_error(self.call("PUT", path, token=write, body=bad), 400,
                          "settings with an unknown discussionsSorting")
        path = "/api/datasets/mira-patel/poetry-corpus/settings"
        body = {"gatedNotificationsMode": "bulk", "discussionsDisabled": False}
        if self.valid_body("PUT", path, body, "settings (dataset)"):
            response = self.call("PUT", path, token=write, body=body)
            if self.expect_success(response, 200, "settings (dataset)"):
                self.r.check("settings (dataset, user repo): no orgMembersGated",
                             "orgMembersGated" not in response.json, response.text)
        # fineGrained token: repo.write on the nimbus-ai org, only repo.content.read on mira-patel.
        fine = self.token("mira-patel", "fineGrained")
        body = {"gatedNotificationsMode": "real-time"}
        self.valid_body("PUT", "/api/models/nimbus-ai/nimbus-7b/settings", body, "settings (fineGrained)")
        self.expect_success(self.call("PUT", "/api/models/nimbus-ai/nimbus-7b/settings", token=fine, body=body),
                            200, "settings with a fineGrained token scoped to the org")
        self.expect_error(self.call("PUT", "/api/datasets/mira-patel/poetry-corpus/settings", token=fine,
                                    body=body), 403, "settings with a fineGrained read-only scope")
        self.expect_error(self.call("PUT", "/api/models/nimbus-ai/nimbus-7b/settings",
                                    token=self.token("mira-patel", "read"), body=body), 403,
                          "settings with a read token")
        self.expect_error(self.call("PUT", "/api/models/nimbus-ai/nimbus-7b/settings", body=body), 401,
                          "settings without a token")
        self.expect_error(self.call("PUT", "/api/models/nimbus-ai/no-such-repo/settings", token=write, body=body),
                          404, "settings of an unknown repo", code="RepoNotFound")
        bad = {"gatedNotificationsEmail": "not an address"}
        self.invalid_body("PUT", "/api/models/nimbus-ai/nimbus-7b/settings", bad, "settings with a bad e-mail")
        self.expect_error(self.call("PUT", "/api/models/nimbus-ai/nimbus-7b/settings", token=write, body=bad),
                          400, "settings with a bad e-mail")
        bad = {"orgMembersGated": True}
        self.expect_error(self.call("PUT", "/api/datasets/mira-patel/poetry-corpus/settings", token=write,
                                    body=bad), 400, "orgMembersGated on a user repo")

    def state_file(self, repo_type, repo_id, path):
        state = self.call("GET", "/_emulator/state").json
        for repo in state["repos"]:
            if repo["type"] == repo_type and repo["id"] == repo_id:
                return repo["files"].get(path)
        return None

    def check_commit_and_resolve(self):
        write = self.token("mira-patel")
        # resolve: the raw file, as huggingface_hub downloads it. The OpenAPI 200 schema describes
        # the Xet file-info JSON, which the Hub sends only for "Accept: application/vnd.xet-fileinfo+json";
        # the emulator has no Xet storage, so its 200 is the file content and is compared byte for byte.
        for prefix, repo_type, repo_id in (("", "model", "nimbus-ai/nimbus-7b"),
                                           ("/datasets", "dataset", "nimbus-ai/clean-web-2t")):
            name = f"resolve README.md ({repo_type})"
            response = self.call("GET", f"{prefix}/{repo_id}/resolve/main/README.md")
            if self.expect_success(response, 200, name, check_schema=False):
                expected = self.state_file(repo_type, repo_id, "README.md")
                self.r.check(f"{name}: body equals the README in the emulator state",
                             expected is not None and response.text == expected,
                             f"{len(response.text)} vs {len(expected or '')} characters")
        self.expect_error(self.call("GET", "/mira-patel/sketch-diffusion/resolve/main/no-such-file.txt"), 404,
                          "resolve a missing file", code="EntryNotFound")
        self.expect_error(self.call("GET", "/mira-patel/sketch-diffusion/resolve/no-such-branch/README.md"), 404,
                          "resolve an unknown revision", code="RevisionNotFound")
        self.expect_error(self.call("GET", "/nimbus-ai/nimbus-7b/resolve/main/config.json",
                                    token=self.token("grace-kim")), 403,
                          "resolve a gated file with a pending request", code="GatedRepo")
        self.expect_error(self.call("GET", "/nimbus-ai/nimbus-7b/resolve/main/config.json"), 401,
                          "resolve a gated file without a token", code="GatedRepo")
        self.expect_error(self.call("GET", "/nimbus-ai/nimbus-7b-instruct/resolve/main/README.md",
                                    token=self.token("grace-kim")), 404,
                          "resolve in a private repo of someone else", code="RepoNotFound")
        self.expect_error(self.call("GET", "/nimbus-ai/nimbus-7b-instruct/resolve/main/README.md"), 401,
                          "resolve in a private repo without a token", code="RepoNotFound")

        # commit: NDJSON with parentCommit, then the same parent again (412), then a pull request.
        head = self.call("GET", "/api/models/mira-patel/sketch-diffusion", token=write).json["sha"]
        readme = "---\nlicense: mit\n---\n\n# Sketch Diffusion\n\nConformance run.\n"
        ndjson = "\n".join(json.dumps(line) for line in (
            {"key": "header", "value": {"summary": "Update README", "description": "", "parentCommit": head}},
            {"key": "file", "value": {"path": "README.md", "content": readme, "encoding": "utf-8"}})) + "\n"
        path = "/api/models/mira-patel/sketch-diffusion/commit/main"
        response = self.call("POST", path, token=write, raw=ndjson, content_type="application/x-ndjson")
        if self.expect_success(response, 200, "commit (model, NDJSON)"):
            self.r.check("commit (model): no pullRequestUrl without create_pr",
                         "pullRequestUrl" not in response.json, response.text)
            self.r.check("commit (model): commitUrl ends with the commitOid",
                         response.json["commitUrl"].endswith("/commit/" + response.json["commitOid"]))
        response = self.call("GET", "/mira-patel/sketch-diffusion/resolve/main/README.md")
        if self.expect_success(response, 200, "resolve README.md after the commit", check_schema=False):
            self.r.check("resolve after the commit: body equals the committed README", response.text == readme)
        self.expect_error(self.call("POST", path, token=write, raw=ndjson, content_type="application/x-ndjson"),
                          412, "commit with a stale parentCommit")
        pr_ndjson = "\n".join(json.dumps(line) for line in (
            {"key": "header", "value": {"summary": "Propose a README change"}},
            {"key": "file", "value": {"path": "README.md", "content": readme + "\nMore.\n"}})) + "\n"
        response = self.call("POST", path + "?create_pr=1", token=write, raw=pr_ndjson,
                             content_type="application/x-ndjson")
        if self.expect_success(response, 200, "commit (model, create_pr=1)"):
            self.r.check("commit (create_pr=1): pullRequestUrl is set",
                         "/discussions/" in response.json.get("pullRequestUrl", ""), response.text)
        # JSON commit on a dataset.
        body = {"summary": "Add notes", "files": [{"path": "notes.txt", "content": "Conformance notes\n"}]}
        response = self.call("POST", "/api/datasets/mira-patel/poetry-corpus/commit/main", token=write, body=body)
        self.expect_success(response, 200, "commit (dataset, JSON)")
        response = self.call("GET", "/datasets/mira-patel/poetry-corpus/resolve/main/notes.txt", token=write)
        if self.expect_success(response, 200, "resolve a committed dataset file", check_schema=False):
            self.r.check("resolve (dataset): body equals the committed file", response.text == "Conformance notes\n")
        # Errors of the commit endpoint.
        self.expect_error(self.call("POST", "/api/models/mira-patel/sketch-diffusion/commit/no-such-branch",
                                    token=write, raw=pr_ndjson, content_type="application/x-ndjson"),
                          404, "commit to an unknown branch", code="RevisionNotFound")
        deleting = "\n".join(json.dumps(line) for line in (
            {"key": "header", "value": {"summary": "Delete"}},
            {"key": "deletedFile", "value": {"path": "no-such-file.txt"}})) + "\n"
        self.expect_error(self.call("POST", path, token=write, raw=deleting, content_type="application/x-ndjson"),
                          404, "commit deleting a missing file", code="EntryNotFound")
        bad_card = "\n".join(json.dumps(line) for line in (
            {"key": "header", "value": {"summary": "Bad card"}},
            {"key": "file", "value": {"path": "README.md",
                                      "content": "---\nextra_gated_fields:\n  Age: slider\n---\n"}})) + "\n"
        self.expect_error(self.call("POST", path, token=write, raw=bad_card, content_type="application/x-ndjson"),
                          400, "commit with invalid card metadata")
        self.expect_error(self.call("POST", path, token=self.token("mira-patel", "read"), raw=pr_ndjson,
                                    content_type="application/x-ndjson"), 403, "commit with a read token")
        self.expect_error(self.call("POST", path, raw=pr_ndjson, content_type="application/x-ndjson"), 401,
                          "commit without a token")
        self.expect_error(self.call("POST", "/api/models/mira-patel/no-such-repo/commit/main", token=write,
                                    raw=pr_ndjson, content_type="application/x-ndjson"), 404,
                          "commit to an unknown repo", code="RepoNotFound")

    def check_head(self):
        """HEAD on a file URL: the GET's status and headers, never a body (RFC 9110)."""
        for path, status, code in (("/mira-patel/sketch-diffusion/resolve/main/README.md", 200, None),
                                   ("/datasets/nimbus-ai/clean-web-2t/resolve/main/README.md", 200, None),
                                   ("/mira-patel/sketch-diffusion/resolve/main/no-such-file.txt", 404,
                                    "EntryNotFound"),
                                   ("/nimbus-ai/nimbus-7b/resolve/main/config.json", 401, "GatedRepo")):
            name = f"HEAD {path}"
            get = self.call("GET", path)
            head = self.call("HEAD", path)
            self.r.check(f"{name}: status {status} like the GET", head.status == get.status == status,
                         f"HEAD {head.status}, GET {get.status}")
            self.r.check(f"{name}: no body", head.body == b"", repr(head.body[:100]))
            self.r.check(f"{name}: Content-Length is the GET body's length",
                         head.header("Content-Length") == str(len(get.body)), str(head.header("Content-Length")))
            for header in ("X-Repo-Commit", "ETag", "X-Error-Code"):
                self.r.check(f"{name}: {header} as in the GET", head.header(header) == get.header(header),
                             f"{head.header(header)!r} vs {get.header(header)!r}")
            if code:
                self.r.check(f"{name}: X-Error-Code is {code}", head.header("X-Error-Code") == code)

    def check_files(self):
        """refs, tree, paths-info, commits and preupload on a model and a dataset."""
        write = self.token("mira-patel")
        read = self.token("mira-patel", "read")
        for api_type, repo_id in (("models", "mira-patel/sketch-diffusion"), ("datasets", "mira-patel/poetry-corpus")):
            base = f"/api/{api_type}/{repo_id}"
            kind = api_type[:-1]
            # A commit with a folder, and one opened as a pull request.
            body = {"summary": "Add docs", "description": "Two files in a folder",
                    "files": [{"path": "docs/usage.md", "content": "# Usage\n"},
                              {"path": "docs/more/faq.md", "content": "# FAQ\n"}]}
            head = self.call("POST", f"{base}/commit/main", token=write, body=body).json["commitOid"]
            body = {"summary": "Propose notes", "files": [{"path": "PROPOSAL.md", "content": "idea\n"}]}
            pr = self.call("POST", f"{base}/commit/main?create_pr=1", token=write, body=body)
            pr_number = pr.json["pullRequestUrl"].rsplit("/", 1)[1]

            name = f"refs ({kind})"
            response = self.call("GET", f"{base}/refs", token=write)
            if self.expect_success(response, 200, name):
                self.r.check(f"{name}: main points at the head, no pullRequests without include_prs",
                             {"name": "main", "ref": "refs/heads/main", "targetCommit": head}
                             in response.json["branches"] and "pullRequests" not in response.json, response.text)
            name = f"refs with include_prs ({kind})"
            response = self.call("GET", f"{base}/refs?include_prs=1", token=write)
            if self.expect_success(response, 200, name):
                refs = [p["ref"] for p in response.json.get("pullRequests", [])]
                self.r.check(f"{name}: the create_pr commit is refs/pr/{pr_number}",
                             f"refs/pr/{pr_number}" in refs, str(refs))

            name = f"tree of a folder ({kind})"
            response = self.call("GET", f"{base}/tree/main/docs", token=write)
            if self.expect_success(response, 200, name):
                self.r.check(f"{name}: one folder and one file",
                             sorted(i["type"] for i in response.json) == ["directory", "file"], response.text)
            self.expect_success(self.call("GET", f"{base}/tree/main/docs?recursive=1&expand=1", token=write), 200,
                                f"tree, recursive and expanded ({kind})")
            response = self.call("GET", f"{base}/tree/main/docs?limit=1", token=write)
            if self.expect_success(response, 200, f"tree, first page ({kind})"):
                self.check_next_link(response, f"tree, first page ({kind})")
            root = self.call("GET", f"{base}/tree/main", token=write)
            self.r.check(f"tree of the root ({kind}): 200 with README.md's blob oid",
                         root.status == 200 and any(i["type"] == "file" for i in root.json or []),
                         f"{root.status} {root.text[:200]}")
            self.expect_error(self.call("GET", f"{base}/tree/main/no-such-folder", token=write), 404,
                              f"tree of a missing folder ({kind})", code="EntryNotFound")
            self.expect_error(self.call("GET", f"{base}/tree/no-such-branch/docs", token=write), 404,
                              f"tree at an unknown revision ({kind})", code="RevisionNotFound")

            name = f"paths-info ({kind})"
            path = f"{base}/paths-info/main"
            body = {"paths": ["README.md", "docs", "no-such-file"], "expand": True}
            if self.valid_body("POST", path, body, name):
                response = self.call("POST", path, token=write, body=body)
                if self.expect_success(response, 200, name):
                    self.r.check(f"{name}: the file and the folder, the missing path left out",
                                 [(i["path"], i["type"]) for i in response.json] ==
                                 [("README.md", "file"), ("docs", "directory")], response.text)
            self.expect_error(self.call("POST", f"{base}/paths-info/no-such-branch", token=write, body=body), 404,
                              f"paths-info at an unknown revision ({kind})", code="RevisionNotFound")

            name = f"commits ({kind})"
            response = self.call("GET", f"{base}/commits/main?expand=formatted", token=write)
            if self.expect_success(response, 200, name):
                first = response.json[0] if response.json else {}
                self.r.check(f"{name}: newest first, with title, message and author",
                             first.get("id") == head and first.get("title") == "Add docs" and
                             first.get("message") == "Two files in a folder" and
                             [a["user"] for a in first.get("authors", [])] == ["mira-patel"], str(first)[:300])
                self.r.check(f"{name}: X-Total-Count is the history length",
                             response.header("X-Total-Count") == str(len(response.json)),
                             str(response.header("X-Total-Count")))
            response = self.call("GET", f"{base}/commits/main?limit=1", token=write)
            if self.expect_success(response, 200, f"commits, first page ({kind})"):
                self.check_next_link(response, f"commits, first page ({kind})")
            self.expect_error(self.call("GET", f"{base}/commits/no-such-branch", token=write), 404,
                              f"commits at an unknown revision ({kind})", code="RevisionNotFound")

            name = f"preupload ({kind})"
            path = f"{base}/preupload/main"
            body = {"files": [{"path": "README.md", "size": 12, "sample": "IyBSRUFETUUK"},
                              {"path": "weights.bin", "size": 4, "sample": "AAECAw=="}]}
            if self.valid_body("POST", path, body, name):
                response = self.call("POST", path, token=write, body=body)
                if self.expect_success(response, 200, name):
                    modes = [(f["path"], f["uploadMode"]) for f in response.json["files"]]
                    self.r.check(f"{name}: text is regular, binary is lfs, commitOid is the head",
                                 modes == [("README.md", "regular"), ("weights.bin", "lfs")] and
                                 response.json["commitOid"] == head and "oid" in response.json["files"][0],
                                 response.text)
            self.expect_error(self.call("POST", path, token=read, body=body), 403, f"preupload with a read token ({kind})")
            self.expect_error(self.call("POST", path, body=body), 401, f"preupload without a token ({kind})")
            self.expect_error(self.call("POST", f"{base}/preupload/no-such-branch", token=write, body=body), 404,
                              f"preupload to an unknown revision ({kind})", code="RevisionNotFound")
            bad = {"files": [{"path": "README.md"}]}
            self.invalid_body("POST", path, bad, f"preupload without size and sample ({kind})")
            self.expect_error(self.call("POST", path, token=write, body=bad), 422,
                              f"preupload without size and sample ({kind})")
        missing = "/api/models/nimbus-ai/no-such-repo"
        for method, suffix, body in (("GET", "/refs", None), ("GET", "/tree/main/docs", None),
                                     ("POST", "/paths-info/main", {"paths": ["README.md"], "expand": False}),
                                     ("GET", "/commits/main", None),
                                     ("POST", "/preupload/main", {"files": []})):
            self.expect_error(self.call(method, missing + suffix, token=write, body=body), 404,
                              f"{method} {suffix.split('/')[1]} of an unknown repo", code="RepoNotFound")
        self.expect_error(self.call("GET", "/api/models/nimbus-ai/nimbus-7b-instruct/refs",
                                    token=self.token("grace-kim")), 404, "refs of a private repo of someone else",
                          code="RepoNotFound")

    def fetch_list(self, path, token, name, status=200):
        response = self.call("GET", path, token=token)
        self.expect_success(response, status, name)
        return response

    @staticmethod
    def iso(text):
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))

    def check_request_lists(self):
        write = self.token("mira-patel")
        for api_type, repo_id in (("models", "nimbus-ai/nimbus-7b"), ("datasets", "open-ocean-lab/reef-sounds")):
            for status in ("pending", "accepted", "rejected"):
                name = f"{status} requests ({api_type})"
                base = f"/api/{api_type}/{repo_id}/user-access-request/{status}"
                first = self.fetch_list(base + "?limit=10", write, name + ", page 1")
                if first.status != 200:
                    continue
                items = first.json
                self.r.check(f"{name}: page 1 has 10 items, all {status}",
                             len(items) == 10 and all(i["status"] == status for i in items), str(len(items)))
                times = [self.iso(i["timestamp"]) for i in items]
                self.r.check(f"{name}: page 1 ascending by timestamp", times == sorted(times))
                next_path = self.check_next_link(first, name + ", page 1")
                if next_path is None:
                    continue
                second = self.fetch_list(next_path, write, name + ", page 2 (Link rel=next)")
                if second.status == 200 and second.json:
                    later = [self.iso(i["timestamp"]) for i in second.json]
                    self.r.check(f"{name}: page 2 starts after page 1", min(later) > max(times))
                    # before=T lists what is strictly earlier than T, oldest first, like any page: the
                    # first 10 of the list, then a Link that keeps before= and ends at T.
                    both = items + second.json
                    cut = second.json[-1]["timestamp"]
                    earlier = [i["timestamp"] for i in both if self.iso(i["timestamp"]) < self.iso(cut)]
                    before = urllib.parse.quote(cut)
                    back = self.fetch_list(f"{base}?limit=10&before={before}", write, name + ", before cursor")
                    if back.status == 200 and len(second.json) == 10:
                        self.r.check(f"{name}: before= gives the oldest 10 requests earlier than it",
                                     [i["timestamp"] for i in back.json] == earlier[:10])
                        following = self.check_next_link(back, name + ", before cursor")
                        if following is not None:
                            self.r.check(f"{name}: the Link keeps before=", "before=" in following, following)
                            rest = self.fetch_list(following, write, name + ", before cursor, next page")
                            if rest.status == 200:
                                self.r.check(f"{name}: the walk ends before the cursor",
                                             [i["timestamp"] for i in rest.json] == earlier[10:20]
                                             and (rest.header("Link") is None) == (len(earlier) <= 20))
            # Items with every optional member: fields, reviewedAt, grantedBy, user.email.
            accepted = self.call("GET", f"/api/{api_type}/{repo_id}/user-access-request/accepted?limit=100",
                                 token=write)
            full = [i for i in accepted.json or [] if {"fields", "reviewedAt", "grantedBy"} <= set(i)
                    and "email" in i["user"]] if accepted.status == 200 else []
            self.r.check(f"accepted requests ({api_type}): items with fields, reviewedAt, grantedBy and "
                         f"user.email exist and validated", bool(full), f"{len(full)} such items")
        # The end of a list has no Link.
        response = self.fetch_list("/api/datasets/mira-patel/poetry-corpus/user-access-request/rejected?limit=1000",
                                   write, "rejected requests, whole list")
        self.r.check("whole list: no Link header", response.header("Link") is None, str(response.header("Link")))
        rejected = [i for i in response.json or [] if i["user"]["user"] == "tomasz-nowak"]
        self.r.check("rejected seed request of tomasz-nowak has reviewedAt and fields",
                     len(rejected) == 1 and "reviewedAt" in rejected[0] and "fields" in rejected[0])
        base = "/api/models/nimbus-ai/nimbus-7b/user-access-request"
        self.expect_error(self.call("GET", base + "/no-such-status", token=write), 400, "list with an unknown status")
        self.expect_error(self.call("GET", base + "/pending?limit=5", token=write), 400, "list with limit=5")
        self.expect_error(self.call("GET", base + "/pending?after=yesterday", token=write), 400,
                          "list with a bad after cursor")
        self.expect_error(self.call("GET", base + "/pending", token=self.token("mira-patel", "read")), 403,
                          "list with a read token")
        self.expect_error(self.call("GET", base + "/pending", token=self.token("sam-okoro")), 403,
                          "list by an org contributor")
        self.expect_error(self.call("GET", base + "/pending"), 401, "list without a token")
        self.expect_error(self.call("GET", "/api/models/nimbus-ai/nimbus-7b-instruct/user-access-request/pending",
                                    token=self.token("grace-kim")), 404, "list of a private repo of someone else",
                          code="RepoNotFound")

    def walk(self, api_type, repo_id, status, token):
        """Every request of a list, following Link rel="next" from the oldest."""
        path = f"/api/{api_type}/{repo_id}/user-access-request/{status}?limit=1000"
        while path:
            response = self.call("GET", path, token=token)
            if response.status != 200:
                raise RuntimeError(f"{response.label()} -> {response.status} {response.text[:200]}")
            yield from response.json
            match = re.fullmatch(r'<([^>]+)>;\s*rel="next"', response.header("Link") or "")
            path = None
            if match:
                parts = urllib.parse.urlsplit(match.group(1))
                path = parts.path + "?" + parts.query

    def find_request(self, api_type, repo_id, status, user, token):
        """The request of `user` in a list, or None."""
        return next((i for i in self.walk(api_type, repo_id, status, token) if i["user"]["user"] == user), None)

    def check_handle(self):
        write = self.token("mira-patel")
        path = "/api/models/nimbus-ai/nimbus-7b/user-access-request/handle"
        body = {"user": "grace-kim", "status": "accepted"}
        if self.valid_body("POST", path, body, "handle (model, accept by user)"):
            response = self.call("POST", path, token=write, body=body)
            # The OpenAPI subset documents no response for handle: the status and JSON are checked.
            self.r.check(f"handle (model): {response.label()} -> 200", response.status == 200,
                         f"got {response.status} {response.text[:200]}")
            self.covered.add(("post", self.api.match("POST", path)))
        item = self.find_request("models", "nimbus-ai/nimbus-7b", "accepted", "grace-kim", write)
        self.r.check("handle (model): grace-kim is accepted, with reviewedAt and grantedBy mira-patel",
                     item is not None and "reviewedAt" in item and
                     item.get("grantedBy", {}).get("user") == "mira-patel", str(item)[:300])
        response = self.call("GET", "/nimbus-ai/nimbus-7b/resolve/main/config.json", token=self.token("grace-kim"))
        self.expect_success(response, 200, "resolve a gated file once accepted", check_schema=False)
        # NOTES.md: a request already in the target list answers 404.
        response = self.call("POST", path, token=write, body=body)
        if self.expect_error(response, 404, "handle: accepting an accepted request again"):
            self.r.check("handle again: the message says it is already in the accepted list",
                         "already in the accepted list" in response.json.get("error", ""), response.text)

        # Reject by userId on a dataset, with a reason.
        pending = self.call("GET", "/api/datasets/open-ocean-lab/reef-sounds/user-access-request/pending?limit=10",
                            token=write).json
        target = pending[0]["user"]
        path = "/api/datasets/open-ocean-lab/reef-sounds/user-access-request/handle"
        body = {"userId": target["_id"], "status": "rejected", "rejectionReason": "Please describe your project."}
        if self.valid_body("POST", path, body, "handle (dataset, reject by userId)"):
            response = self.call("POST", path, token=write, body=body)
            self.r.check(f"handle (dataset): {response.label()} -> 200", response.status == 200,
                         f"got {response.status} {response.text[:200]}")
            self.covered.add(("post", self.api.match("POST", path)))
        item = self.find_request("datasets", "open-ocean-lab/reef-sounds", "rejected", target["user"], write)
        self.r.check("handle (dataset): the request is now rejected with reviewedAt and no grantedBy",
                     item is not None and "reviewedAt" in item and "grantedBy" not in item, str(item)[:300])
        response = self.call("GET", "/open-ocean-lab/reef-sounds/user-access-report", token=write)
        self.r.check("user-access-report of a dataset lives under /datasets/ (404 without the prefix)",
                     response.status == 404, f"got {response.status}")

        path = "/api/models/nimbus-ai/nimbus-7b/user-access-request/handle"
        bad = {"user": "grace-kim", "status": "rejected", "rejectionReason": "x" * 201}
        self.invalid_body("POST", path, bad, "handle with a 201-character reason")
        self.expect_error(self.call("POST", path, token=write, body=bad), 400, "handle with a 201-character reason")
        bad = {"user": "grace-kim", "status": "maybe"}
        self.invalid_body("POST", path, bad, "handle with an unknown status")
        self.expect_error(self.call("POST", path, token=write, body=bad), 400, "handle with an unknown status")
        body = {"user": "no-such-user", "status": "accepted"}
        self.valid_body("POST", path, body, "handle an unknown user")
        self.expect_error(self.call("POST", path, token=write, body=body), 404, "handle an unknown user")
        body = {"user": "yuki-tanaka", "status": "accepted"}
        self.expect_error(self.call("POST", path, token=write, body=body), 404, "handle a user without a request")
        self.expect_error(self.call("POST", path, token=self.token("mira-patel", "read"), body=body), 403,
                          "handle with a read token")
        self.expect_error(self.call("POST", path, body=body), 401, "handle without a token")
        self.expect_error(self.call("POST", "/api/models/mira-patel/sketch-diffusion/user-access-request/handle",
                                    token=write, body=body), 400, "handle on a repo that is not gated")

    def check_batch(self):
        write = self.token("mira-patel")
        for api_type, repo_id, status, extra in (
                ("models", "nimbus-ai/nimbus-7b", "accepted", {}),
                ("datasets", "open-ocean-lab/reef-sounds", "rejected", {"rejectionReason": "Research use only."})):
            name = f"batch ({api_type}, {status})"
            path = f"/api/{api_type}/{repo_id}/user-access-request/batch"
            pending = self.call("GET", f"/api/{api_type}/{repo_id}/user-access-request/pending?limit=10",
                                token=write).json
            body = {"status": status, **extra, "requests": [
                {"user": pending[0]["user"]["user"]},
                {"userId": pending[1]["user"]["_id"]},
                {"user": "no-such-user"},
                {"user": "yuki-tanaka"}]}
            if not self.valid_body("POST", path, body, name):
                continue
            response = self.call("POST", path, token=write, body=body)
            if self.expect_success(response, 200, name):
                outcomes = response.json
                expected = [
                    {"user": pending[0]["user"]["user"], "ok": True},
                    {"userId": pending[1]["user"]["_id"], "ok": True},
                    {"user": "no-such-user", "ok": False, "error": "user_not_found"},
                    {"user": "yuki-tanaka", "ok": False, "error": "request_not_found"}]
                self.r.check(f"{name}: one outcome per input, in order", outcomes == expected, json.dumps(outcomes))
            item = self.find_request(api_type, repo_id, status, pending[0]["user"]["user"], write)
            self.r.check(f"{name}: the first user's request is now {status}", item is not None)
        path = "/api/models/nimbus-ai/nimbus-7b/user-access-request/batch"
        bad = {"status": "accepted", "requests": []}
        self.invalid_body("POST", path, bad, "batch with no requests")
        self.expect_error(self.call("POST", path, token=write, body=bad), 400, "batch with no requests")
        bad = {"status": "accepted", "requests": [{"user": "grace-kim"}] * 101}
        self.invalid_body("POST", path, bad, "batch with 101 requests")
        self.expect_error(self.call("POST", path, token=write, body=bad), 400, "batch with 101 requests")
        body = {"status": "accepted", "requests": [{"user": "grace-kim"}]}
        self.expect_error(self.call("POST", path, token=self.token("mira-patel", "read"), body=body), 403,
                          "batch with a read token")
        self.expect_error(self.call("POST", "/api/models/nimbus-ai/no-such-repo/user-access-request/batch",
                                    token=write, body=body), 404, "batch on an unknown repo", code="RepoNotFound")

    def check_grant(self):
        write = self.token("mira-patel")
        path = "/api/models/nimbus-ai/nimbus-7b/user-access-request/grant"
        body = {"user": "leo-hartmann"}
        if self.valid_body("POST", path, body, "grant (model, by user)"):
            response = self.call("POST", path, token=write, body=body)
            self.r.check(f"grant (model): {response.label()} -> 200", response.status == 200,
                         f"got {response.status} {response.text[:200]}")
            self.covered.add(("post", self.api.match("POST", path)))
        item = self.find_request("models", "nimbus-ai/nimbus-7b", "accepted", "leo-hartmann", write)
        self.r.check("grant (model): leo-hartmann is accepted with grantedBy mira-patel",
                     item is not None and item.get("grantedBy", {}).get("user") == "mira-patel", str(item)[:300])
        self.expect_error(self.call("POST", path, token=write, body=body), 400, "grant to a user who has access")
        tomasz = self.call("GET", "/api/users/tomasz-nowak/overview").json["_id"]
        path = "/api/datasets/open-ocean-lab/reef-sounds/user-access-request/grant"
        body = {"userId": tomasz}
        if self.valid_body("POST", path, body, "grant (dataset, by userId)"):
            response = self.call("POST", path, token=write, body=body)
            self.r.check(f"grant (dataset): {response.label()} -> 200", response.status == 200,
                         f"got {response.status} {response.text[:200]}")
            self.covered.add(("post", self.api.match("POST", path)))
        path = "/api/models/nimbus-ai/nimbus-7b/user-access-request/grant"
        body = {"user": "no-such-user"}
        self.valid_body("POST", path, body, "grant to an unknown user")
        self.expect_error(self.call("POST", path, token=write, body=body), 404, "grant to an unknown user")
        self.expect_error(self.call("POST", "/api/models/mira-patel/sketch-diffusion/user-access-request/grant",
                                    token=write, body={"user": "yuki-tanaka"}), 400, "grant on a repo that is not gated")
        self.expect_error(self.call("POST", path, token=self.token("mira-patel", "read"), body={"user": "yuki-tanaka"}),
                          403, "grant with a read token")

    def check_ask_access(self):
        yuki = self.token("yuki-tanaka")
        answers = {"Full name": "Yuki Tanaka", "Affiliation": "Kyoto University", "Job title": "Researcher",
                   "Country": "JP", "Date of birth": "1990-01-31", "Intended use": "Research",
                   "I agree to the license terms": True, "I will not use Nimbus-7B to develop weapons": True}
        for prefix, repo_id, body, expected in (
                ("", "nimbus-ai/nimbus-7b", answers, "pending"),
                ("/datasets", "open-ocean-lab/reef-sounds",
                 {"Institution": "Kyoto University", "Research project": "Coral health",
                  "I will cite the dataset": True}, "pending"),
                ("", "mira-patel/tiny-poet",
                 {"Company": "Kyoto University", "Country": "JP", "I want to use this model for": "Research",
                  "I agree to use this model for non-commercial use ONLY": True}, "accepted")):
            name = f"ask-access ({prefix or 'model'} {repo_id})"
            path = f"{prefix}/{repo_id}/ask-access"
            if not self.valid_body("POST", path, body, name):
                continue
            response = self.call("POST", path, token=yuki, body=body)
            if self.expect_success(response, 303, name):
                self.r.check(f"{name}: Location is the repo page",
                             response.header("Location") == f"{self.base}{prefix}/{repo_id}",
                             str(response.header("Location")))
            api_type = "datasets" if prefix else "models"
            item = self.find_request(api_type, repo_id, expected, "yuki-tanaka", self.token("mira-patel"))
            self.r.check(f"{name}: the request is {expected} with the form answers as strings",
                         item is not None and all(isinstance(v, str) for v in item.get("fields", {}).values())
                         and item.get("fields"), str(item)[:300])
        response = self.call("POST", "/nimbus-ai/nimbus-7b/ask-access", token=yuki, body=answers)
        self.expect_success(response, 303, "ask-access again while pending")
        body = {"Name": "Tomasz Nowak", "Country": "PL", "Start date": "2026-12-01"}
        self.valid_body("POST", "/datasets/mira-patel/poetry-corpus/ask-access", body, "ask-access after a rejection")
        self.expect_error(self.call("POST", "/datasets/mira-patel/poetry-corpus/ask-access",
                                    token=self.token("tomasz-nowak"), body=body), 403, "ask-access after a rejection")
        incomplete = {"Full name": "Sam Okoro"}
        self.expect_error(self.call("POST", "/nimbus-ai/nimbus-7b/ask-access", token=self.token("sam-okoro"),
                                    body=incomplete), 400, "ask-access with missing answers")
        self.expect_error(self.call("POST", "/nimbus-ai/nimbus-7b/ask-access", body=answers), 401,
                          "ask-access without a token")
        self.expect_error(self.call("POST", "/mira-patel/sketch-diffusion/ask-access", token=yuki, body={}), 400,
                          "ask-access on a repo that is not gated")
        self.expect_error(self.call("POST", "/nimbus-ai/no-such-repo/ask-access", token=yuki, body={}), 404,
                          "ask-access on an unknown repo", code="RepoNotFound")

    def check_report(self):
        write = self.token("mira-patel")
        report_validator = Draft202012Validator(REPORT_SCHEMA)
        for prefix, repo_id in (("", "nimbus-ai/nimbus-7b"), ("/datasets", "mira-patel/poetry-corpus")):
            name = f"user-access-report ({prefix or 'model'} {repo_id})"
            response = self.call("GET", f"{prefix}/{repo_id}/user-access-report", token=write)
            # The document's schema is `type: string` (a file download): the text is that string.
            if not self.expect_success(response, 200, name, check_schema=False):
                continue
            template = self.api.match("GET", response.path)
            pointer = self.api.response_schema_path("GET", template, 200)
            error = errors_of(self.api.validator(pointer), response.text)
            self.r.check(f"{name}: the downloaded text matches the document's string schema", not error, error)
            disposition = response.header("Content-Disposition") or ""
            self.r.check(f"{name}: Content-Disposition is an attachment with a .json filename",
                         re.fullmatch(r'attachment; filename="[^"]+\.json"', disposition) is not None, disposition)
            error = errors_of(report_validator, response.json) if response.is_json else "not JSON"
            self.r.check(f"{name}: the file is a JSON array of NOTES.md report entries", not error, error)
            if not error:
                self.r.check(f"{name}: entries with email and reviewedAt exist",
                             any({"email", "reviewedAt"} <= set(e) for e in response.json))
                api_type = "datasets" if prefix else "models"
                lists = sum(1 for status in ("pending", "accepted", "rejected")
                            for _ in self.walk(api_type, repo_id, status, write))
                self.r.check(f"{name}: one entry per request", len(response.json) == lists,
                             f"{len(response.json)} entries, {lists} requests")
        path = "/nimbus-ai/nimbus-7b/user-access-report"
        self.expect_error(self.call("GET", path, token=self.token("mira-patel", "read")), 403,
                          "user-access-report with a read token")
        self.expect_error(self.call("GET", path, token=self.token("grace-kim")), 403,
                          "user-access-report by a non-member")
        self.expect_error(self.call("GET", path), 401, "user-access-report without a token")
        self.expect_error(self.call("GET", "/nimbus-ai/no-such-repo/user-access-report", token=write), 404,
                          "user-access-report of an unknown repo", code="RepoNotFound")

    def check_rate_limit_error(self):
        rule = {"kind": "status", "status": 429, "path": "/api/whoami-v2", "times": 1, "retry-after": 2}
        self.call("POST", "/_emulator/faults", body=rule)
        response = self.call("GET", "/api/whoami-v2", token=self.token("mira-patel"))
        if self.expect_error(response, 429, "injected 429"):
            self.r.check("injected 429: Retry-After is 2", response.header("Retry-After") == "2",
                         str(response.header("Retry-After")))
            self.r.check("injected 429: RateLimit and RateLimit-Policy headers",
                         bool(response.header("RateLimit")) and bool(response.header("RateLimit-Policy")))
        self.expect_success(self.call("GET", "/api/whoami-v2", token=self.token("mira-patel")), 200,
                            "whoami after the injected 429 (times=1)")
        self.call("DELETE", "/_emulator/faults")


def start_emulator(program, workdir, timeout):
    ready = os.path.join(workdir, "ready.json")
    log = open(os.path.join(workdir, "emulator.log"), "w+")
    process = subprocess.Popen([program, "--port", "0", "--ready-file", ready],
                               stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        if os.path.exists(ready):
            try:
                with open(ready, encoding="utf-8") as f:
                    return process, json.load(f), log
            except ValueError:
                pass  # not written completely yet
        time.sleep(0.05)
    process.kill()
    process.wait()
    log.seek(0)
    raise SystemExit(f"the emulator did not write {ready} within {timeout} s:\n{log.read()}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emulator", required=True, help="the hubgate-emulator program")
    parser.add_argument("--openapi", required=True, help="the OpenAPI subset (JSON)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for the ready file")
    args = parser.parse_args()

    api = OpenApi(args.openapi)
    results = Results()
    with tempfile.TemporaryDirectory(prefix="hubgate-conformance-") as workdir:
        process, ready, log = start_emulator(args.emulator, workdir, args.timeout)
        try:
            print(f"emulator at {ready['baseUrl']} (pid {process.pid}), jsonschema {_version()}", flush=True)
            Conformance(api, ready["baseUrl"], ready["tokens"], results).run()
        except Exception as error:  # a crash is a failure, not a silent pass
            results.check("the conformance run finished without an exception", False, repr(error))
            import traceback
            traceback.print_exc()
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()
    print(f"{results.passed} passed, {results.failed} failed")
    return 1 if results.failed else 0


def _version():
    try:
        from importlib.metadata import version
        return version("jsonschema")
    except Exception:
        return "?"


if __name__ == "__main__":
    sys.exit(main())
