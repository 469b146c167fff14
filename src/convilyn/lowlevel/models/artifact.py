from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.artifact_metadata_type_0 import ArtifactMetadataType0


T = TypeVar("T", bound="Artifact")


@_attrs_define
class Artifact:
    """One output produced by a goal job.

    Attributes:
        artifact_id (str): Identifier; pass to getGoalJobArtifactDownload.
        file_name (str): File name of the artifact.
        mime_type (str): MIME type.
        size_bytes (int): Size in bytes.
        is_primary (bool): True for the job's main output.
        description (str): What the artifact contains.
        download_url (None | str | Unset): Presigned URL when already available; otherwise request one.
        artifact_type (None | str | Unset): Kind of artifact, e.g. `document`, `report`.
        metadata (ArtifactMetadataType0 | None | Unset): Artifact-specific metadata.
    """

    artifact_id: str
    file_name: str
    mime_type: str
    size_bytes: int
    is_primary: bool
    description: str
    download_url: None | str | Unset = UNSET
    artifact_type: None | str | Unset = UNSET
    metadata: ArtifactMetadataType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.artifact_metadata_type_0 import ArtifactMetadataType0

        artifact_id = self.artifact_id

        file_name = self.file_name

        mime_type = self.mime_type

        size_bytes = self.size_bytes

        is_primary = self.is_primary

        description = self.description

        download_url: None | str | Unset
        if isinstance(self.download_url, Unset):
            download_url = UNSET
        else:
            download_url = self.download_url

        artifact_type: None | str | Unset
        if isinstance(self.artifact_type, Unset):
            artifact_type = UNSET
        else:
            artifact_type = self.artifact_type

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, ArtifactMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "artifactId": artifact_id,
                "fileName": file_name,
                "mimeType": mime_type,
                "sizeBytes": size_bytes,
                "isPrimary": is_primary,
                "description": description,
            }
        )
        if download_url is not UNSET:
            field_dict["downloadUrl"] = download_url
        if artifact_type is not UNSET:
            field_dict["artifactType"] = artifact_type
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.artifact_metadata_type_0 import ArtifactMetadataType0

        d = dict(src_dict)
        artifact_id = d.pop("artifactId")

        file_name = d.pop("fileName")

        mime_type = d.pop("mimeType")

        size_bytes = d.pop("sizeBytes")

        is_primary = d.pop("isPrimary")

        description = d.pop("description")

        def _parse_download_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        download_url = _parse_download_url(d.pop("downloadUrl", UNSET))

        def _parse_artifact_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        artifact_type = _parse_artifact_type(d.pop("artifactType", UNSET))

        def _parse_metadata(data: object) -> ArtifactMetadataType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                metadata_type_0 = ArtifactMetadataType0.from_dict(data)

                return metadata_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ArtifactMetadataType0 | None | Unset, data)

        metadata = _parse_metadata(d.pop("metadata", UNSET))

        artifact = cls(
            artifact_id=artifact_id,
            file_name=file_name,
            mime_type=mime_type,
            size_bytes=size_bytes,
            is_primary=is_primary,
            description=description,
            download_url=download_url,
            artifact_type=artifact_type,
            metadata=metadata,
        )

        artifact.additional_properties = d
        return artifact

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
