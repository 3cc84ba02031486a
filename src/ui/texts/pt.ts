import type { Texts } from './Texts';

/**
 * Portuguese (European; pt-BR falls back to it). The wording follows the
 * CNPD's reading of Lei 41/2004, art. 5, and GDPR art. 7: "Rejeitar todos"
 * as readily as "Aceitar todos", cookies "estritamente necessários" exempt
 * from consent, and consent that can be "retirado" at any time.
 */
export const pt: Texts = {
  title: 'Cookies',
  text: 'Utilizamos cookies para o funcionamento deste site e, se concordar, para preferências, estatísticas e marketing. A sua escolha é guardada durante {} e pode alterá-la ou retirar o consentimento a qualquer momento.',
  policy: 'Política de privacidade',
  acceptAll: 'Aceitar todos',
  rejectAll: 'Rejeitar todos',
  customize: 'Personalizar',
  dismiss: 'Continuar sem aceitar',
  dialogTitle: 'Preferências de cookies',
  save: 'Guardar as minhas escolhas',
  saved: 'Escolhas guardadas.',
  settings: 'Definições de cookies',
  close: 'Fechar',
  services: 'Serviços',
  provider: 'Fornecedor',
  purpose: 'Finalidade',
  duration: 'Duração',
  cookies: 'Cookies',
  day: 'dia',
  days: 'dias',
  month: 'mês',
  months: 'meses',
  necessary: 'Estritamente necessários',
  necessaryText: 'Indispensáveis ao funcionamento do site.',
  preferences: 'Preferências',
  preferencesText: 'Memorizam as suas preferências.',
  analytics: 'Análise',
  analyticsText: 'Estatísticas de utilização anónimas.',
  marketing: 'Marketing',
  marketingText: 'Ofertas adaptadas à sua navegação.',
  placeholder: 'Carregar {service} (aceitar os cookies de {category})',
};
