"""The ASGI application for uvicorn's workers: the database comes from KTP_SERVER_DATABASE_URL."""

from __future__ import annotations

import logging
import os

from server.app import create_app
from server.config import DATABASE_ENV
from server.db import database, make_database

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(process)d %(name)s %(levelname)s %(message)s")
database.initialize(make_database(os.environ[DATABASE_ENV]))
app = create_app()
