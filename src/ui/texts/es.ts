import type { Texts } from './Texts';

/**
 * Spanish. The wording follows the AEPD's Guía sobre el uso de las cookies
 * (2020, updated 2023): "Rechazar todas" on the first layer as readily as
 * "Aceptar todas", "técnicas" or "estrictamente necesarias" for the exempt
 * cookies, and consent that can be "retirado" at any time.
 */
export const es: Texts = {
  title: 'Cookies',
  text: 'Usamos cookies para que este sitio funcione y, si usted lo acepta, para preferencias, estadísticas y publicidad. Su elección se conserva durante {} y puede cambiarla o retirar su consentimiento en cualquier momento.',
  policy: 'Política de privacidad',
  acceptAll: 'Aceptar todas',
  rejectAll: 'Rechazar todas',
  customize: 'Configurar',
  dismiss: 'Continuar sin aceptar',
  dialogTitle: 'Preferencias de cookies',
  save: 'Guardar mi elección',
  saved: 'Elección guardada.',
  settings: 'Configuración de cookies',
  close: 'Cerrar',
  services: 'Servicios',
  provider: 'Proveedor',
  purpose: 'Finalidad',
  duration: 'Duración',
  cookies: 'Cookies',
  day: 'día',
  days: 'días',
  month: 'mes',
  months: 'meses',
  necessary: 'Técnicas y estrictamente necesarias',
  necessaryText: 'Imprescindibles para que el sitio funcione.',
  preferences: 'Preferencias',
  preferencesText: 'Recuerdan sus preferencias.',
  analytics: 'Análisis',
  analyticsText: 'Estadísticas de uso anónimas.',
  marketing: 'Publicidad',
  marketingText: 'Ofertas adaptadas a su navegación.',
  placeholder: 'Cargar {service} (aceptar las cookies de {category})',
};
