"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}
"""
from alembic import op
import sqlalchemy as sa
${imports if imports else ""}

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}
% if up_revision == "0001_initial":
    # PostgreSQL only: the trigram indexes of the name search (store/name_search.py)
    from indsats.store.name_search import create_indexes

    create_indexes(op.get_bind())
% endif


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
