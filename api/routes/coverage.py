"""``/legal/{id}/coverage``: which of the 34 provinces carry out a national document, with the
national targets each province's plans take up; ``/coverage``: the documents × provinces matrix."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from api.deps import StoreDep
from api.errors import error_responses
from graph.analysis.coverage import DocumentCoverage, UnknownDocument, coverage_matrix, document_coverage

router = APIRouter(tags=["analysis"])


class CoverageMatrix(BaseModel):
    documents: dict[str, dict[str, int]]  # national document id → current province id → plans


@router.get("/legal/{doc_id}/coverage", response_model=DocumentCoverage, responses=error_responses(404))
def legal_coverage(doc_id: str, store: StoreDep) -> DocumentCoverage:
    """The provinces with and without a plan deriving from the document (each with the units
    merged into it in 2025), and the document's national targets with the provincial targets
    matched to them."""
    try:
        return document_coverage(store, doc_id)
    except UnknownDocument as error:
        raise HTTPException(404, str(error)) from error


@router.get("/coverage", response_model=CoverageMatrix)
def national_coverage(store: StoreDep) -> CoverageMatrix:
    """For every national document of the reference data, the number of plans of each current
    province that derive from it."""
    return CoverageMatrix(documents=coverage_matrix(store))
